package io.evmsim.api.page;

import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One transaction's result as sections: the summary first, then asset changes, the call tree, gas (its
 * breakdown and an icicle per frame), the state diff and the logs. Fields the result lacks (an invalid
 * transaction has no call tree) leave their section out; fields of later versions (a plain-language
 * {@code summary}, {@code warnings}, token metadata) are shown when present.
 */
final class TransactionSection {
    private final Html html;
    private final JsonNode tx;
    private final String prefix;
    private final String heading;

    /**
     * @param prefix the ids of this transaction's elements
     * @param heading the heading element of its sections: {@code h2} on a transaction's own page, {@code h3} in a bundle
     */
    private TransactionSection(Html html, JsonNode tx, String prefix, String heading) {
        this.html = html;
        this.tx = tx;
        this.prefix = prefix;
        this.heading = heading;
    }

    static void write(Html html, JsonNode tx, String prefix, String heading) {
        TransactionSection section = new TransactionSection(html, tx, prefix, heading);
        section.summary();
        section.assetChanges();
        section.callTree();
        section.gas();
        section.stateDiff();
        section.logs();
    }

    private void open(String name, String title) {
        html.raw("<section").attribute("id", prefix + "-" + name).attribute("class", name)
                .raw("><").raw(heading).raw(">").text(title).raw("</").raw(heading).raw(">");
    }

    private void close() {
        html.raw("</section>");
    }

    private void summary() {
        open("summary", "Summary");
        html.raw("<dl class=\"facts\">");
        String status = tx.path("status").asString("unknown");
        html.raw("<dt>Status</dt><dd>").element("span", "status status-" + status, status);
        String reason = tx.path("haltReason").asString(tx.path("validationError").asString(null));
        if (reason != null) {
            html.raw(" ").element("code", null, reason);
        }
        html.raw("</dd>");
        if (tx.has("error")) {
            html.definition("Error", tx.path("error").asString());
        }
        if (tx.path("revert").isObject()) {
            html.raw("<dt>Revert reason</dt><dd class=\"revert\">").text(Decoded.revert(tx.path("revert")))
                    .raw("</dd>");
        }
        long gasUsed = tx.path("gasUsed").asLong();
        long gasLimit = tx.path("gasLimit").asLong();
        html.definition("Gas used", Quantities.grouped(gasUsed) + " of " + Quantities.grouped(gasLimit) + " ("
                + Quantities.percent(gasUsed, gasLimit) + ")");
        BigInteger price = Quantities.parse(tx.path("effectiveGasPrice").asString(null));
        if (price != null) {
            BigInteger fee = price.multiply(BigInteger.valueOf(gasUsed));
            html.definition("Fee", Quantities.ether(fee) + " (" + Quantities.grouped(gasUsed) + " gas at "
                    + Quantities.grouped(price) + " wei)");
        }
        if (tx.has("contractAddress")) {
            html.raw("<dt>Contract created</dt><dd><code>").text(tx.path("contractAddress").asString()).raw("</code></dd>");
        }
        String returnData = tx.path("returnData").asString("0x");
        if (returnData.length() > 2) {
            html.raw("<dt>Return data</dt><dd><code class=\"data long\">").text(returnData).raw("</code></dd>");
        }
        block(html, tx);
        html.raw("</dl>");
        sentences(html, tx);
        close();
    }

    /** The block and fork a result ran on (a single transaction's result, or a bundle's summary), when given. */
    static void block(Html html, JsonNode result) {
        JsonNode block = result.path("block");
        if (block.isObject()) {
            StringBuilder text = new StringBuilder("#").append(Quantities.grouped(block.path("number").asLong()));
            if (block.path("hash").isString()) {
                text.append(" \u00b7 ").append(CallTreeHtml.shortAddress(block.path("hash").asString()));
            } else {
                text.append(" (pending)");
            }
            if (block.path("timestamp").isNumber()) {
                text.append(" \u00b7 ").append(Instant.ofEpochSecond(block.path("timestamp").asLong()));
            }
            html.raw("<dt>Block</dt><dd").attribute("title", block.path("hash").asString("")).raw(">")
                    .text(text.toString()).raw("</dd>");
            if (block.has("chainId")) {
                html.definition("Chain", Long.toString(block.path("chainId").asLong()));
            }
        }
        if (result.path("fork").isString()) {
            html.definition("Fork", result.path("fork").asString());
        }
    }

    /** The plain-language summary and the warnings, when the result carries them. */
    static void sentences(Html html, JsonNode result) {
        JsonNode sentences = result.path("summary");
        if (sentences.isArray() && !sentences.isEmpty()) {
            html.raw("<ul class=\"sentences\">");
            sentences.forEach(sentence -> html.element("li", null, sentence.asString("")));
            html.raw("</ul>");
        }
        JsonNode warnings = result.path("warnings");
        if (warnings.isArray() && !warnings.isEmpty()) {
            html.raw("<ul class=\"warnings\" aria-label=\"Warnings\">");
            for (JsonNode warning : warnings) {
                String severity = warning.path("severity").asString("warning");
                html.raw("<li").attribute("class", "severity-" + severity).raw(">")
                        .element("strong", null, severity + " " + warning.path("code").asString("")).raw(" ")
                        .text(warning.path("message").asString("")).raw("</li>");
            }
            html.raw("</ul>");
        }
    }

    private void assetChanges() {
        JsonNode changes = tx.path("assetChanges");
        if (!changes.isObject()) {
            return;
        }
        open("assets", "Asset changes");
        JsonNode byAddress = changes.path("byAddress");
        if (byAddress.isEmpty()) {
            html.element("p", "none", "No assets changed hands.");
        } else {
            html.raw("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Address</th><th scope=\"col\">Asset</th>"
                    + "<th scope=\"col\">Change</th></tr></thead><tbody>");
            for (Map.Entry<String, JsonNode> entry : byAddress.properties()) {
                boolean first = true;
                for (JsonNode change : entry.getValue()) {
                    html.raw("<tr>");
                    if (first) {
                        html.raw("<th scope=\"row\"").attribute("rowspan", Integer.toString(entry.getValue().size()))
                                .raw("><code>").text(entry.getKey()).raw("</code></th>");
                        first = false;
                    }
                    String amount = amount(change, change.path("delta").asString("0"));
                    html.element("td", null, asset(change))
                            .element("td", amount.startsWith("-") ? "amount negative" : "amount positive",
                                    Quantities.signed(amount));
                    html.raw("</tr>");
                }
            }
            html.raw("</tbody></table></div>");
        }
        JsonNode approvals = changes.path("approvals");
        if (approvals.isArray() && !approvals.isEmpty()) {
            html.raw("<h4>Approvals</h4><ul class=\"approvals\">");
            approvals.forEach(approval -> html.element("li", null, Decoded.tokenEvent(approval)));
            html.raw("</ul>");
        }
        close();
    }

    /** The asset's symbol when known, else its kind and contract: {@code ERC20 0xa0b8…eb48}. */
    private static String asset(JsonNode change) {
        String kind = change.path("asset").asString("");
        String name = change.path("symbol").asString(kind.equals("ETH") ? "ETH"
                : kind + " " + CallTreeHtml.shortAddress(change.path("token").asString("")));
        if (change.path("tokenId").isString()) {
            name += " #" + change.path("tokenId").asString();
        }
        return "FEE".equals(change.path("kind").asString("")) ? name + " (fee)" : name;
    }

    /** Formatted by the token's decimals when known (ether's always are), else the raw integer. */
    private static String amount(JsonNode change, String raw) {
        if (change.path("formatted").isString()) {
            return change.path("formatted").asString();
        }
        BigInteger value = Quantities.parse(raw);
        if (value == null) {
            return raw;
        }
        if (change.path("asset").asString("").equals("ETH")) {
            return Quantities.scaled(value, 18);
        }
        return change.path("decimals").isNumber() ? Quantities.scaled(value, change.path("decimals").asInt())
                : value.toString();
    }

    private void callTree() {
        JsonNode root = tx.path("callTree");
        if (!root.isObject()) {
            return;
        }
        open("calls", "Call tree");
        html.raw("<div class=\"tree-tools\" hidden><button type=\"button\" data-tree=\"open\">Unfold all</button> "
                + "<button type=\"button\" data-tree=\"close\">Fold all</button></div><div class=\"scroll tree\">");
        CallTreeHtml.tree(html, prefix, root);
        html.raw("</div>");
        close();
    }

    private void gas() {
        JsonNode gas = tx.path("gas");
        if (!gas.isObject()) {
            return;
        }
        open("gas", "Gas");
        html.raw("<dl class=\"facts\">");
        StringBuilder parts = new StringBuilder();
        for (Map.Entry<String, JsonNode> part : gas.path("intrinsicParts").properties()) {
            if (part.getValue().asLong() != 0) {
                parts.append(parts.isEmpty() ? " (" : ", ").append(words(part.getKey())).append(' ')
                        .append(Quantities.grouped(part.getValue().asLong()));
            }
        }
        html.definition("Intrinsic", Quantities.grouped(gas.path("intrinsic").asLong()) + parts
                + (parts.isEmpty() ? "" : ")"));
        html.definition("Execution", Quantities.grouped(gas.path("execution").asLong()));
        html.definition("Refund", Quantities.grouped(gas.path("refund").asLong()) + " (counter "
                + Quantities.grouped(gas.path("refundCounter").asLong()) + ", cap "
                + Quantities.grouped(gas.path("refundCap").asLong()) + ")");
        if (gas.path("floor").asLong() > 0) {
            html.definition("Calldata floor (EIP-7623)", Quantities.grouped(gas.path("floor").asLong())
                    + (gas.path("floorApplied").asBoolean() ? ", applied" : ", not applied"));
        }
        html.definition("Total", Quantities.grouped(gas.path("total").asLong(tx.path("gasUsed").asLong())));
        html.raw("</dl>");
        if (tx.path("callTree").isObject()) {
            html.raw("<figure><figcaption>Gas per call frame: each bar is as wide as its share of its caller's gas; "
                    + "a bar links to its frame in the call tree.</figcaption><div class=\"scroll\">");
            CallTreeHtml.icicle(html, prefix, tx.path("callTree"));
            html.raw("</div></figure>");
        }
        close();
    }

    /** {@code accessList} as {@code access list}. */
    private static String words(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    /**
     * geth's diff mode: {@code pre} holds each changed account as it was (only its changed, non-zero slots),
     * {@code post} only what changed; an account only in {@code post} was created, one only in {@code pre}
     * removed, a slot only in {@code pre} cleared.
     */
    private void stateDiff() {
        JsonNode diff = tx.path("stateDiff");
        if (!diff.isObject()) {
            return;
        }
        open("state", "State changes");
        JsonNode pre = diff.path("pre");
        JsonNode post = diff.path("post");
        Set<String> accounts = new LinkedHashSet<>(pre.propertyNames());
        accounts.addAll(post.propertyNames());
        if (accounts.isEmpty()) {
            html.element("p", "none", "No state changed.");
        }
        for (String address : accounts) {
            JsonNode before = pre.path(address);
            JsonNode after = post.path(address);
            String note = before.isMissingNode() ? " (created)" : after.isMissingNode() ? " (removed)" : "";
            html.raw("<h4><code>").text(address).raw("</code>").text(note).raw("</h4>");
            html.raw("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Field</th><th scope=\"col\">Before</th>"
                    + "<th scope=\"col\">After</th></tr></thead><tbody>");
            if (after.isMissingNode()) {
                row("Account", "present", "removed", null);
            } else {
                if (after.has("balance")) {
                    row("Balance", ether(before.path("balance").asString("0x0")),
                            ether(after.path("balance").asString()), null);
                }
                if (after.has("nonce")) {
                    row("Nonce", Long.toString(before.path("nonce").asLong()), Long.toString(after.path("nonce").asLong()),
                            null);
                }
                if (after.has("code")) {
                    row("Code", bytes(before.path("code").asString("0x")), bytes(after.path("code").asString()), null);
                }
                Set<String> slots = new LinkedHashSet<>(before.path("storage").propertyNames());
                slots.addAll(after.path("storage").propertyNames());
                for (String slot : slots) {
                    row("Slot", before.path("storage").path(slot).asString("0x0"),
                            after.path("storage").path(slot).asString("0x0"), slot);
                }
            }
            html.raw("</tbody></table></div>");
        }
        close();
    }

    private void row(String field, String before, String after, String slot) {
        html.raw("<tr><th scope=\"row\">").text(field);
        if (slot != null) {
            html.raw(" <code class=\"data\">").text(slot).raw("</code>");
        }
        html.raw("</th><td><code class=\"data\">").text(before).raw("</code></td><td><code class=\"data\">").text(after)
                .raw("</code></td></tr>");
    }

    private static String ether(String hex) {
        BigInteger wei = Quantities.parse(hex);
        return wei == null ? hex : Quantities.ether(wei);
    }

    private static String bytes(String hex) {
        return hex.length() <= 2 ? "none" : Quantities.grouped((hex.length() - 2) / 2) + " bytes";
    }

    private void logs() {
        JsonNode logs = tx.path("logs");
        if (!logs.isArray()) {
            return;
        }
        open("logs", "Logs");
        if (logs.isEmpty()) {
            html.element("p", "none", "No logs.");
        }
        html.raw("<ol class=\"logs\">");
        for (JsonNode log : logs) {
            html.raw("<li><dl class=\"fields\"><dt>Address</dt><dd><code>").text(log.path("address").asString(""))
                    .raw("</code></dd>");
            if (log.path("event").isObject()) {
                html.definition("Event", Decoded.tokenEvent(log.path("event")));
            } else if (log.path("decoded").isObject()) {
                html.definition("Event", Decoded.call(log.path("decoded")));
            }
            int i = 0;
            for (JsonNode topic : log.path("topics")) {
                html.element("dt", null, "Topic " + i++).raw("<dd><code class=\"data\">").text(topic.asString(""))
                        .raw("</code></dd>");
            }
            String data = log.path("data").asString("0x");
            html.raw("<dt>Data</dt><dd><code class=\"data long\">").text(data).raw("</code></dd></dl></li>");
        }
        html.raw("</ol>");
        close();
    }
}
