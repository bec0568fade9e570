package io.evmsim.api.page;

import tools.jackson.databind.JsonNode;

/** Decoded parts of a result in words: revert reasons, calls decoded by an ABI, token events. */
final class Decoded {
    private Decoded() {
    }

    /** {@code Error(string)}'s message; a panic's code and meaning; a custom error's name or selector. */
    static String revert(JsonNode revert) {
        JsonNode decoded = revert.path("decoded");
        if (decoded.isObject()) {
            return call(decoded);
        }
        return switch (revert.path("kind").asString("")) {
            case "Error" -> revert.path("message").asString("");
            case "Panic" -> "Panic " + revert.path("code").asString("") + ": " + revert.path("message").asString("");
            default -> "custom error " + revert.path("selector").asString("")
                    + (revert.path("arguments").asString("0x").length() > 2
                            ? " with arguments " + revert.path("arguments").asString() : "");
        };
    }

    /** A function, event or error decoded by an ABI: {@code transfer(to = 0x…, value = 5)}. */
    static String call(JsonNode decoded) {
        StringBuilder text = new StringBuilder(decoded.path("name").asString("?")).append('(');
        boolean first = true;
        for (JsonNode argument : decoded.path("arguments")) {
            text.append(first ? "" : ", ");
            String name = argument.path("name").asString("");
            if (!name.isEmpty()) {
                text.append(name).append(" = ");
            }
            JsonNode value = argument.path("value");
            text.append(value.isString() ? value.asString() : value.toString());
            first = false;
        }
        text.append(')');
        JsonNode outputs = decoded.path("outputs");
        if (outputs.isArray() && !outputs.isEmpty()) {
            text.append(" \u2192 ");
            first = true;
            for (JsonNode output : outputs) {
                JsonNode value = output.path("value");
                text.append(first ? "" : ", ").append(value.isString() ? value.asString() : value.toString());
                first = false;
            }
        }
        return text.toString();
    }

    /** A token event the worker recognised: {@code ERC20 Transfer 0xf39f…2266 → 0x7099…79c8: 5}. */
    static String tokenEvent(JsonNode event) {
        String standard = event.path("standard").asString("");
        String name = event.path("event").asString("");
        String amount = event.path("formatted").asString(event.path("amount").asString(
                event.path("tokenId").isString() ? "#" + event.path("tokenId").asString() : ""));
        String symbol = event.path("symbol").asString("");
        String parties;
        if (event.has("from")) {
            parties = CallTreeHtml.shortAddress(event.path("from").asString()) + " \u2192 "
                    + CallTreeHtml.shortAddress(event.path("to").asString());
        } else {
            String counterpart = event.has("spender") ? "spender" : event.has("operator") ? "operator" : "approved";
            parties = CallTreeHtml.shortAddress(event.path("owner").asString()) + " \u2192 " + counterpart + " "
                    + CallTreeHtml.shortAddress(event.path(counterpart).asString(""));
        }
        return standard + " " + name + " " + parties + (amount.isEmpty() ? "" : ": " + amount)
                + (symbol.isEmpty() ? "" : " " + symbol);
    }
}
