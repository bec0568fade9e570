package io.evmsim.api.page;

import java.math.BigInteger;
import tools.jackson.databind.JsonNode;

/**
 * A transaction's call tree ({@code callTree}, geth's callTracer fields) twice: as nested
 * {@code <details>}, each frame foldable by mouse or keyboard, and as an icicle of gas per frame whose
 * widths are CSS percentages of the parent frame's gas. Frames are numbered in pre-order, so that a bar
 * of the icicle links to its frame in the tree.
 */
final class CallTreeHtml {
    /** Frames this deep and deeper start folded: a deep recursion is opened on demand. */
    private static final int OPEN_DEPTH = 6;
    /** Frames after this many (pre-order) start folded too: a page of thousands of calls opens at its start. */
    private static final int OPEN_FRAMES = 200;
    /** Hex data longer than this is shown in a box of its own that scrolls. */
    private static final int LONG_DATA = 74;

    private final Html html;
    private final String prefix;
    private int frames;

    /** @param prefix the ids of this transaction's frames: {@code prefix-f0} is the root */
    private CallTreeHtml(Html html, String prefix) {
        this.html = html;
        this.prefix = prefix;
    }

    static void tree(Html html, String prefix, JsonNode root) {
        html.raw("<ol class=\"calls root\">");
        new CallTreeHtml(html, prefix).frame(root, 0);
        html.raw("</ol>");
    }

    static void icicle(Html html, String prefix, JsonNode root) {
        html.raw("<div class=\"icicle\">");
        new CallTreeHtml(html, prefix).bar(root, 100.0);
        html.raw("</div>");
    }

    private void frame(JsonNode frame, int depth) {
        boolean open = depth < OPEN_DEPTH && frames < OPEN_FRAMES;
        String id = prefix + "-f" + frames++;
        boolean failed = frame.has("error");
        html.raw("<li").attribute("id", id).attribute("class", failed ? "frame failed" : "frame").raw("><details")
                .raw(open ? " open" : "").raw("><summary>")
                .element("span", "type", frame.path("type").asString("CALL")).raw(" ");
        String to = frame.path("to").asString(null);
        if (to != null) {
            html.raw("<code class=\"address\"").attribute("title", to).raw(">").text(shortAddress(to)).raw("</code> ");
        }
        html.element("span", "function", function(frame)).raw(" ");
        BigInteger value = Quantities.parse(frame.path("value").asString(null));
        if (value != null && value.signum() > 0) {
            html.element("span", "value", Quantities.ether(value)).raw(" ");
        }
        html.element("span", "gas", Quantities.grouped(frame.path("gasUsed").asLong()) + " gas");
        if (failed) {
            html.raw(" ").element("span", "error", frame.path("error").asString());
        }
        html.raw("</summary><dl class=\"fields\">");
        html.raw("<dt>From</dt><dd><code>").text(frame.path("from").asString("")).raw("</code></dd>");
        if (to != null) {
            html.raw("<dt>To</dt><dd><code>").text(to).raw("</code></dd>");
        }
        if (value != null && value.signum() > 0) {
            html.definition("Value", Quantities.ether(value) + " (" + Quantities.grouped(value) + " wei)");
        }
        html.definition("Gas", Quantities.grouped(frame.path("gas").asLong()));
        html.definition("Gas used", Quantities.grouped(frame.path("gasUsed").asLong()));
        JsonNode decoded = frame.path("decoded");
        if (decoded.isObject()) {
            html.definition("Call", Decoded.call(decoded));
        }
        data("Input", frame.path("input").asString("0x"));
        if (frame.has("output")) {
            data("Output", frame.path("output").asString());
        }
        if (failed) {
            html.definition("Error", frame.path("error").asString());
        }
        if (frame.path("revert").isObject()) {
            html.definition("Revert reason", Decoded.revert(frame.path("revert")));
        }
        html.raw("</dl>");
        JsonNode calls = frame.path("calls");
        if (calls.isArray() && !calls.isEmpty()) {
            html.raw("<ol class=\"calls\">");
            for (JsonNode call : calls) {
                frame(call, depth + 1);
            }
            html.raw("</ol>");
        }
        html.raw("</details></li>");
    }

    private void data(String term, String hex) {
        html.element("dt", null, term).raw("<dd><code").attribute("class", hex.length() > LONG_DATA ? "data long" : "data")
                .raw(">").text(hex).raw("</code></dd>");
    }

    /** One frame's bar, {@code width} per cent of its parent's, and its calls' bars below it. */
    private void bar(JsonNode frame, double width) {
        String id = prefix + "-f" + frames++;
        long gasUsed = frame.path("gasUsed").asLong();
        String label = label(frame);
        html.raw("<div class=\"icicle-node\" style=\"width:").raw(Quantities.width(width))
                .raw("%\"><a").attribute("href", "#" + id)
                .attribute("class", frame.has("error") ? "icicle-bar failed" : "icicle-bar")
                .attribute("title", label + ": " + Quantities.grouped(gasUsed) + " gas").raw(">")
                .text(label).raw("</a>");
        JsonNode calls = frame.path("calls");
        if (calls.isArray() && !calls.isEmpty()) {
            html.raw("<div class=\"icicle-children\">");
            for (JsonNode call : calls) {
                long used = call.path("gasUsed").asLong();
                bar(call, gasUsed <= 0 ? 0 : Math.min(100.0, 100.0 * used / gasUsed));
            }
            html.raw("</div>");
        }
        html.raw("</div>");
    }

    private static String label(JsonNode frame) {
        String function = function(frame);
        String to = frame.path("to").asString(null);
        return frame.path("type").asString("CALL") + (to == null ? "" : " " + shortAddress(to))
                + (function.isEmpty() ? "" : " " + function);
    }

    /** The function called: its decoded name, else the selector of its input, else nothing (a plain transfer). */
    private static String function(JsonNode frame) {
        JsonNode decoded = frame.path("decoded");
        if (decoded.path("name").isString()) {
            return decoded.path("name").asString() + "()";
        }
        String input = frame.path("input").asString("0x");
        String type = frame.path("type").asString("");
        if (type.startsWith("CREATE")) {
            return "";
        }
        return input.length() >= 10 ? input.substring(0, 10) : "";
    }

    /** {@code 0x7099…79c8}: enough to tell addresses apart at a glance; the full one is beside it. */
    static String shortAddress(String address) {
        return address.length() > 12 ? address.substring(0, 6) + "\u2026" + address.substring(address.length() - 4)
                : address;
    }
}
