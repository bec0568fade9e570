package io.evmsim.api.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SimulationPageTest {
    private static final String DEV = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    private static final String RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String TRANSFER = """
            {"id":"5349460e","index":0,"status":"success","gasLimit":16777216,"gasUsed":21000,
             "effectiveGasPrice":"0x3b9aca00","returnData":"0x","logs":[],
             "gas":{"intrinsic":21000,"intrinsicParts":{"base":21000,"calldata":0,"accessList":0,"creation":0,
                    "authorizations":0},"execution":0,"refundCounter":0,"refund":0,"refundCap":4200,"floor":21000,
                    "floorApplied":false,"total":21000,
                    "frames":[{"depth":0,"type":"CALL","to":"%2$s","gas":16777216,"gasUsed":21000}]},
             "callTree":{"type":"CALL","from":"%1$s","to":"%2$s","value":"0xde0b6b3a7640000","gas":16777216,
                         "gasUsed":21000,"input":"0x","output":"0x"},
             "stateDiff":{"pre":{"%2$s":{"balance":"0x21e19e0c9bab2400000"},"%1$s":{"balance":"0x21e19e0c9bab2400000"}},
                          "post":{"%2$s":{"balance":"0x21e27c1806e59a40000"},"%1$s":{"balance":"0x21e0c0013070adc0000","nonce":1}}},
             "assetChanges":{"byAddress":{"%2$s":[{"asset":"ETH","delta":"1000000000000000000"}],
                                          "%1$s":[{"asset":"ETH","delta":"-1000000000000000000"}]},
                             "transfers":[],"approvals":[]},
             "block":{"number":7,"hash":"0x3bb1000000000000000000000000000000000000000000000000000000317e",
                      "timestamp":1735689600,"baseFee":"0x0","chainId":31337},
             "fork":"Osaka","timings":{"queueMs":20}}""".formatted(DEV, RECIPIENT);

    @Test
    void aTransferShowsItsSummaryFirstThenAssetsCallsGasAndState() {
        String page = SimulationPage.result("5349460e", TRANSFER);
        assertTrue(page.startsWith("<!DOCTYPE html><html lang=\"en\">"), page);
        assertTrue(page.contains("<span class=\"status status-success\">success</span>"), page);
        assertTrue(page.contains("<dd>21,000 of 16,777,216 (0.1%)</dd>"), page);
        assertTrue(page.contains("<dd>0.000021 ETH (21,000 gas at 1,000,000,000 wei)</dd>"), page);
        assertTrue(page.contains("#7 \u00b7 0x3bb1\u2026317e \u00b7 2025-01-01T00:00:00Z"), page);
        assertTrue(page.contains("<dt>Fork</dt><dd>Osaka</dd>"), page);
        assertTrue(page.contains(">+1</td>") && page.contains(">\u22121</td>"), page);
        assertTrue(page.contains("<dt>Value</dt><dd>1 ETH (1,000,000,000,000,000,000 wei)</dd>"), page);
        assertTrue(page.contains("<th scope=\"row\">Nonce</th><td><code class=\"data\">0</code></td><td><code class=\"data\">1</code>"),
                page);
        assertTrue(page.contains("<dt>Refund</dt><dd>0 (counter 0, cap 4,200)</dd>"), page);
        int summary = page.indexOf("id=\"tx0-summary\"");
        assertTrue(summary > 0 && summary < page.indexOf("id=\"tx0-assets\"")
                && page.indexOf("id=\"tx0-assets\"") < page.indexOf("id=\"tx0-calls\""), "summary first");
    }

    @Test
    void textFromAResultIsEscapedNeverMarkup() {
        String hostile = TRANSFER.replace("\"returnData\":\"0x\"",
                "\"status\":\"reverted\",\"revert\":{\"kind\":\"Error\",\"message\":\"<script>alert('x')</script> & \\\"\"}")
                .replaceFirst("\"status\":\"success\",", "");
        String page = SimulationPage.result("<b>id</b>", hostile);
        assertFalse(page.contains("<script>alert"), page);
        assertFalse(page.contains("<b>id"), page);
        assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;"), page);
        assertTrue(page.contains("<span class=\"status status-reverted\">reverted</span>"), page);
    }

    @Test
    void theWalletPreviewsFieldsAreShownWhenPresent() {
        String preview = TRANSFER.replace("\"logs\":[]", """
                "logs":[],"summary":["Sends 5 USDC to 0x7099\u202679c8"],
                "warnings":[{"code":"UNLIMITED_APPROVAL","severity":"critical","message":"Approves <all> of it",
                             "addresses":[]}]""")
                .replace("[{\"asset\":\"ETH\",\"delta\":\"1000000000000000000\"}]",
                        "[{\"asset\":\"ERC20\",\"token\":\"0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48\",\"symbol\":\"USDC\","
                                + "\"decimals\":6,\"delta\":\"5000000\",\"formatted\":\"5\"}]");
        String page = SimulationPage.result("p", preview);
        assertTrue(page.contains("<li>Sends 5 USDC to 0x7099\u202679c8</li>"), page);
        assertTrue(page.contains("<li class=\"severity-critical\"><strong>critical UNLIMITED_APPROVAL</strong> "
                + "Approves &lt;all&gt; of it</li>"), page);
        assertTrue(page.contains("<td>USDC</td><td class=\"amount positive\">+5</td>"), page);
    }

    @Test
    void aBundleHasItsSummaryThenASectionPerTransaction() {
        String tx0 = TRANSFER.replace("\"id\":\"5349460e\",", "");
        String tx1 = tx0.replace("\"index\":0", "\"index\":1").replace("\"status\":\"success\"", "\"status\":\"reverted\","
                + "\"revert\":{\"kind\":\"Panic\",\"code\":\"0x11\",\"message\":\"arithmetic overflow or underflow\"}");
        String bundle = "{\"id\":\"b1\",\"status\":\"reverted\",\"transactions\":[" + tx0 + "," + tx1 + "],\"summary\":"
                + "{\"status\":\"reverted\",\"transactions\":2,\"totalGasUsed\":42000,\"coinbaseDiff\":\"42000000000000\","
                + "\"effectiveGasPrice\":\"1000000000\",\"block\":{\"number\":7,\"hash\":null,\"timestamp\":1},"
                + "\"fork\":\"Prague\"}}";
        String page = SimulationPage.result("b1", bundle);
        assertTrue(page.contains("<h2>Bundle summary</h2>"), page);
        assertTrue(page.contains("<dt>Total gas used</dt><dd>42,000</dd>"), page);
        assertTrue(page.contains("<dt>Paid to the coinbase</dt><dd>0.000042 ETH</dd>"), page);
        assertTrue(page.contains("#7 (pending)"), page);
        assertTrue(page.contains("<dt>Fork</dt><dd>Prague</dd>"), page);
        assertTrue(page.contains("<td>Panic 0x11: arithmetic overflow or underflow</td>"), page);
        assertTrue(page.indexOf("id=\"tx0\"") < page.indexOf("id=\"tx1\""), page);
        assertTrue(page.contains("<h3>Call tree</h3>") && page.contains("id=\"tx1-f0\""), page);
    }

    @Test
    void theStateDiffSaysWhatWasCreatedAndWhichSlotsWereCleared() {
        String slot = "0x" + "00".repeat(31) + "01";
        String created = TRANSFER.replaceFirst("(?s)\"stateDiff\":\\{.*?\"assetChanges\"", """
                "stateDiff":{"pre":{"0x00000000000000000000000000000000000000c0":{"balance":"0x0","nonce":1,
                                     "storage":{"%1$s":"0x%2$s"}}},
                             "post":{"0x00000000000000000000000000000000000000c0":{"storage":{}},
                                     "0x00000000000000000000000000000000000000c1":{"nonce":1,"code":"0x6000"}}},
                "assetChanges\"""".formatted(slot, "00".repeat(31) + "07"));
        String page = SimulationPage.result("s", created);
        assertTrue(page.contains("0x00000000000000000000000000000000000000c1</code> (created)</h4>"), page);
        assertTrue(page.contains("<td><code class=\"data\">none</code></td><td><code class=\"data\">2 bytes</code>"), page);
        assertTrue(page.contains(slot + "</code></th><td><code class=\"data\">0x" + "00".repeat(31) + "07</code></td>"
                + "<td><code class=\"data\">0x0</code>"), page);
    }

    @Test
    void numbersAreGroupedAndWidthsHaveThreeDecimals() {
        assertEquals("0", Quantities.grouped(0));
        assertEquals("999", Quantities.grouped(999));
        assertEquals("1,000", Quantities.grouped(1000));
        assertEquals("-16,777,216", Quantities.grouped(-16_777_216));
        assertEquals("100,000", Quantities.grouped(100_000));
        assertEquals("12.346", Quantities.width(12.3456));
        assertEquals("0.001", Quantities.width(0.0008));
        assertEquals("100.000", Quantities.width(100));
    }

    @Test
    void aProblemIsShownInWordsWithItsDocument() {
        String page = SimulationPage.problem("{\"type\":\"https://evmsim.io/problems/simulation-not-found\","
                + "\"title\":\"Simulation not found\",\"status\":404,\"detail\":\"no simulation x\","
                + "\"instance\":\"/s/x\",\"code\":\"SIMULATION_NOT_FOUND\",\"requestId\":\"r1\"}");
        assertTrue(page.contains("<h1>Simulation not found</h1>"), page);
        assertTrue(page.contains("<p class=\"lead\">no simulation x</p>"), page);
        assertTrue(page.contains("<dt>Code</dt><dd><code>SIMULATION_NOT_FOUND</code></dd>"), page);
    }

    /** 1,000 frames: a root calling 9 contracts that call 110 each, with inputs and outputs. */
    @Test
    void aThousandFrameCallTreeRendersInOnePass() {
        StringBuilder tree = new StringBuilder("{\"type\":\"CALL\",\"from\":\"" + DEV + "\",\"to\":\"" + RECIPIENT
                + "\",\"gas\":16000000,\"gasUsed\":9000000,\"input\":\"0x12345678\",\"calls\":[");
        int frames = 1;
        for (int i = 0; i < 9; i++) {
            tree.append(i == 0 ? "" : ",").append(frame(i, 900_000)).append(",\"calls\":[");
            frames++;
            for (int j = 0; j < 110; j++) {
                tree.append(j == 0 ? "" : ",").append(frame(j, 8_000)).append('}');
                frames++;
            }
            tree.append("]}");
        }
        tree.append("]}");
        assertEquals(1000, frames);
        String result = TRANSFER.replaceFirst("(?s)\"callTree\":\\{.*?\\},\\s*\"stateDiff\"",
                "\"callTree\":" + tree + ",\"stateDiff\"");
        long start = System.nanoTime();
        String page = SimulationPage.result("big", result);
        long first = System.nanoTime() - start;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            start = System.nanoTime();
            SimulationPage.result("big", result);
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf("a 1,000-frame call tree: a page of %,d characters, rendered in %.1f ms the first time, "
                + "%.1f ms the best of 5 more%n", page.length(), first / 1e6, best / 1e6);
        assertEquals(1000, count(page, "<li id=\"tx0-f"));
        assertEquals(1000, count(page, "class=\"icicle-bar"));
        assertTrue(page.contains("id=\"tx0-f999\""), "frames numbered in pre-order");
        assertEquals(200, count(page, "<details open>"), "the first 200 frames open, the rest folded");
    }

    private static String frame(int i, long gasUsed) {
        return "{\"type\":\"STATICCALL\",\"from\":\"" + RECIPIENT + "\",\"to\":\"0x" + "%040x".formatted(i + 1)
                + "\",\"gas\":100000,\"gasUsed\":" + gasUsed + ",\"input\":\"0xa9059cbb" + "00".repeat(64)
                + "\",\"output\":\"0x" + "00".repeat(32) + "\"";
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
