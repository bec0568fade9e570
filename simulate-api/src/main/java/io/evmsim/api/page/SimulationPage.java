package io.evmsim.api.page;

import io.evmsim.common.simulation.SimulationJson;
import java.math.BigInteger;
import tools.jackson.databind.JsonNode;

/**
 * A simulation's answer as an HTML page: its result (one transaction, or a bundle with a section per
 * transaction after the bundle's summary), a page that reloads itself while it is still running, or its
 * problem document. Styles and the script that adds "unfold all" are static files of the gateway.
 */
final class SimulationPage {
    /** Enough for a small result without growing; a large one grows the builder a few times. */
    private static final int CAPACITY = 32 * 1024;

    private SimulationPage() {
    }

    /** A finished result: the JSON the API answers with status 200. */
    static String result(String id, String json) {
        JsonNode result = SimulationJson.mapper().readTree(json);
        boolean bundle = result.path("transactions").isArray();
        Html html = head(bundle ? "Bundle " + id : "Simulation " + id, false);
        html.raw("<header><h1>").text(bundle ? "Bundle" : "Simulation").raw(" <code>").text(id).raw("</code></h1>")
                .raw("<p class=\"lead\">").text(bundle ? lead(result) : "One transaction: "
                        + result.path("status").asString("unknown")).raw("</p></header><main>");
        if (bundle) {
            bundle(html, result);
        } else {
            TransactionSection.write(html, result, "tx0", "h2");
        }
        return foot(html);
    }

    private static String lead(JsonNode bundle) {
        int count = bundle.path("transactions").size();
        return count + (count == 1 ? " transaction" : " transactions") + ": " + bundle.path("status").asString("unknown");
    }

    private static void bundle(Html html, JsonNode bundle) {
        JsonNode summary = bundle.path("summary");
        html.raw("<section id=\"bundle-summary\" class=\"summary\"><h2>Bundle summary</h2><dl class=\"facts\">");
        String status = bundle.path("status").asString("unknown");
        html.raw("<dt>Status</dt><dd>").element("span", "status status-" + status, status).raw("</dd>");
        html.definition("Transactions", Long.toString(summary.path("transactions").asLong(bundle.path("transactions").size())));
        html.definition("Total gas used", Quantities.grouped(summary.path("totalGasUsed").asLong()));
        BigInteger coinbase = Quantities.parse(summary.path("coinbaseDiff").asString(null));
        if (coinbase != null) {
            html.definition("Paid to the coinbase", Quantities.ether(coinbase));
        }
        BigInteger price = Quantities.parse(summary.path("effectiveGasPrice").asString(null));
        if (price != null) {
            html.definition("Effective gas price", Quantities.grouped(price) + " wei");
        }
        TransactionSection.block(html, summary);
        html.raw("</dl>");
        TransactionSection.sentences(html, summary);
        html.raw("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">Transaction</th><th scope=\"col\">Status</th>"
                + "<th scope=\"col\">Gas used</th><th scope=\"col\">Revert reason or error</th></tr></thead><tbody>");
        for (JsonNode tx : bundle.path("transactions")) {
            int index = tx.path("index").asInt();
            String txStatus = tx.path("status").asString("unknown");
            html.raw("<tr><th scope=\"row\"><a").attribute("href", "#tx" + index).raw(">").text(index).raw("</a></th><td>")
                    .element("span", "status status-" + txStatus, txStatus).raw("</td>")
                    .element("td", null, Quantities.grouped(tx.path("gasUsed").asLong()))
                    .element("td", null, tx.path("revert").isObject() ? Decoded.revert(tx.path("revert"))
                            : tx.path("error").asString(""))
                    .raw("</tr>");
        }
        html.raw("</tbody></table></div></section>");
        for (JsonNode tx : bundle.path("transactions")) {
            int index = tx.path("index").asInt();
            html.raw("<section class=\"transaction\"").attribute("id", "tx" + index).raw("><h2>Transaction ")
                    .text(index).raw("</h2>");
            TransactionSection.write(html, tx, "tx" + index, "h3");
            html.raw("</section>");
        }
    }

    /** Still running: the page asks again every second. */
    static String pending(String id) {
        Html html = head("Simulation " + id + ": running", true);
        html.raw("<header><h1>Simulation <code>").text(id).raw("</code></h1></header><main><p class=\"lead\">")
                .raw("<span class=\"status status-pending\">pending</span> This simulation is still running; "
                        + "this page reloads until its result is in.</p>");
        return foot(html);
    }

    /** A problem document (RFC 9457) in words, the document itself below them. */
    static String problem(String json) {
        JsonNode problem = SimulationJson.mapper().readTree(json);
        String title = problem.path("title").asString("Error");
        Html html = head(title, false);
        html.raw("<header><h1>").text(title).raw("</h1></header><main><section class=\"problem\"><p class=\"lead\">")
                .text(problem.path("detail").asString("")).raw("</p><dl class=\"facts\">");
        html.definition("Status", Long.toString(problem.path("status").asLong()));
        html.raw("<dt>Code</dt><dd><code>").text(problem.path("code").asString("")).raw("</code></dd>");
        if (problem.path("requestId").isString()) {
            html.raw("<dt>Request id</dt><dd><code>").text(problem.path("requestId").asString()).raw("</code></dd>");
        }
        html.raw("</dl><details><summary>Problem document</summary><pre><code>").text(json)
                .raw("</code></pre></details></section>");
        return foot(html);
    }

    private static Html head(String title, boolean reload) {
        Html html = new Html(CAPACITY);
        html.raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\">");
        if (reload) {
            html.raw("<meta http-equiv=\"refresh\" content=\"1\">");
        }
        return html.raw("<title>").text(title).raw(" \u00b7 evmsim</title>"
                + "<link rel=\"stylesheet\" href=\"/page/simulation.css\">"
                + "<script src=\"/page/simulation.js\" defer></script></head><body>");
    }

    private static String foot(Html html) {
        return html.raw("</main><footer><p>evmsim: the JSON of this result is at the same address with "
                + "<code>Accept: application/json</code>.</p></footer></body></html>").toString();
    }
}
