package io.evmsim.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.testsupport.Resources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Results larger than a Kafka record (1 MB), call trees deeper than Jackson's default nesting limit, and
 * results past the result-size limit (16 MB), through the whole platform: HTTP, Kafka, the worker, the
 * store. Programs come in as state overrides.
 */
class LargeResultsTest {
    private static final String DEV = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    private static final String PROGRAM = "0x00000000000000000000000000000000000f00d1";
    /** PUSH3 300,000 PUSH1 0 RETURN: 300 KB of zeros, 1.2 MB of JSON (returnData and the call tree's output). */
    private static final String RETURN_300_KB = "0x620493e06000f3";
    /** PUSH3 2.5 MB PUSH1 0 RETURN: about 10.5 MB of JSON, as much memory as a transaction's gas pays for. */
    private static final String RETURN_2_5_MB = "0x622800006000f3";
    /** PUSH3 1.25 MB PUSH1 0 RETURN: 1.25 MB of zeros, for 3.4 million gas (memory's cost grows as its square). */
    private static final String RETURN_1_25_MB = "0x621400006000f3";
    /** CALL itself with all its gas, as deep as the gas goes. */
    private static final String RECURSE = "0x60006000600060006000305af100";
    /** JUMPDEST PUSH1 0 JUMP: a loop until the gas is gone. */
    private static final String LOOP = "0x5b600056";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestPlatform platform;
    private static String base;

    @BeforeAll
    static void start() {
        DevnetStateCache devnet = new DevnetStateCache();
        devnet.fund(Address.fromHex(DEV), UInt256.parse("10000000000000000000000"));
        platform = TestPlatform.start(devnet, "http://unused.invalid");
        base = "http://127.0.0.1:" + platform.gatewayPort();
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.close(platform);
    }

    /** Two calls of {@code code} on one state. */
    private static String bundleOfTwo(String code) {
        String call = """
                {"from":"%s","to":"%s"}""".formatted(DEV, PROGRAM);
        return """
                {"transactions":[%s,%s],"stateOverrides":{"%s":{"code":"%s"}}}""".formatted(call, call, PROGRAM, code);
    }

    private static String call(String code) {
        return """
                {"from":"%s","to":"%s","stateOverrides":{"%s":{"code":"%s"}}}""".formatted(DEV, PROGRAM, PROGRAM, code);
    }

    @Test
    void aResultOf1_2MbAnswersWholeAndIsStoredWhole() throws Exception {
        HttpResponse<String> response = post("/v1/simulate", call(RETURN_300_KB), "application/json");
        assertEquals(200, response.statusCode(), response.body().substring(0, Math.min(500, response.body().length())));
        assertTrue(response.body().length() > 1_200_000, "bytes: " + response.body().length());
        JsonNode result = SimulationJson.mapper().readTree(response.body());
        assertEquals("success", result.get("status").asString());
        assertEquals(2 + 600_000, result.get("returnData").asString().length());
        assertEquals("0x" + "00".repeat(300_000), result.at("/callTree/output").asString());
        // the store joined the parts as they travelled: the stored copy is the answer, byte for byte
        String path = "/v1/simulations/" + result.get("id").asString();
        HttpResponse<String> stored = get(path);
        for (long until = System.nanoTime() + 20_000_000_000L; stored.statusCode() == 404 && System.nanoTime() < until; ) {
            Thread.sleep(100);
            stored = get(path);
        }
        assertEquals(200, stored.statusCode());
        assertEquals(response.body(), stored.body());
    }

    @Test
    void aBundleStreamsAResultLargerThanARecordAsOneEvent() throws Exception {
        HttpResponse<String> response = post("/v1/simulate/bundle", bundleOfTwo(RETURN_300_KB), "text/event-stream");
        assertEquals(200, response.statusCode());
        int transactions = 0;
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data:") && line.contains("\"returnData\"")) {
                JsonNode event = SimulationJson.mapper().readTree(line.substring("data:".length()));
                assertEquals(2 + 600_000, event.get("returnData").asString().length());
                transactions++;
            }
        }
        assertEquals(2, transactions, "two transaction events, each whole");
    }

    @Test
    void aCallTreeAsDeepAsATransactionsGasGoesAnswers() throws Exception {
        // 63/64 of what is left after each call goes down (EIP-150): 2^24 gas reaches 491 frames, 983 levels
        // of JSON, where Jackson's default limit (500 levels) failed the result
        HttpResponse<String> response = post("/v1/simulate", call(RECURSE), "application/json");
        assertEquals(200, response.statusCode(), response.body().substring(0, Math.min(500, response.body().length())));
        int depth = 0;
        for (JsonNode frame = SimulationJson.mapper().readTree(response.body()).get("callTree"); frame != null;
                frame = frame.path("calls").get(0)) {
            depth++;
        }
        assertTrue(depth > 490, "frames: " + depth);
    }

    @Test
    void aResultPastTheResultSizeLimitAnswers413NamingTheLimitAndTheSize() throws Exception {
        HttpResponse<String> response = post("/v1/simulate/bundle", bundleOfTwo(RETURN_2_5_MB), "application/json");
        assertEquals(413, response.statusCode(), response.body());
        JsonNode error = SimulationJson.mapper().readTree(response.body());
        assertEquals("RESULT_TOO_LARGE", error.path("code").asString(), response.body());
        assertTrue(response.body().contains("over the result-size limit of 16777216 bytes")
                && response.body().contains("at least 2"), response.body());
    }

    @Test
    void ethCallReturningMoreThanARecordAnswersItsResult() throws Exception {
        HttpResponse<String> response = post("/rpc", rpc("eth_call", """
                [{"from":"%s","to":"%s"},"latest",{"%s":{"code":"%s"}}]""".formatted(DEV, PROGRAM, PROGRAM,
                RETURN_300_KB)), "application/json");
        JsonNode answer = SimulationJson.mapper().readTree(response.body());
        assertEquals(2 + 600_000, answer.path("result").asString().length(), response.body().substring(0, 300));
    }

    @Test
    void aJsonRpcAnswerPastTheResultSizeLimitIsAnErrorNamingIt() throws Exception {
        // two blocks of four calls, each returning 1.25 MB: 20 MB of return data in hex, for 27 million gas, within
        // the RPC gas cap that the request's calls spend together (geth's gas budget)
        String call = """
                {"from":"%s","to":"%s"}""".formatted(DEV, PROGRAM);
        String four = String.join(",", call, call, call, call);
        HttpResponse<String> response = post("/rpc", rpc("eth_simulateV1", """
                [{"blockStateCalls":[{"stateOverrides":{"%s":{"code":"%s"}},"calls":[%s]},{"calls":[%s]}]},
                "latest"]""".formatted(PROGRAM, RETURN_1_25_MB, four, four)), "application/json");
        JsonNode error = SimulationJson.mapper().readTree(response.body()).path("error");
        assertEquals(-32003, error.path("code").asInt(), response.body().substring(0, Math.min(500,
                response.body().length())));
        assertTrue(error.path("message").asString().contains("over the result-size limit of 16777216 bytes"),
                response.body());
    }

    @Test
    void theOpcodeLoggerPastItsCeilingAnswersAJsonRpcErrorNamingIt() throws Exception {
        HttpResponse<String> response = post("/rpc", rpc("debug_traceCall", """
                [{"from":"%s","to":"%s"},"latest",{"stateOverrides":{"%s":{"code":"%s"}}}]""".formatted(DEV, PROGRAM,
                PROGRAM, LOOP)), "application/json");
        JsonNode error = SimulationJson.mapper().readTree(response.body()).path("error");
        assertEquals(-32003, error.path("code").asInt(), response.body());
        assertTrue(error.path("message").asString().contains("more than 16777216 bytes of JSON"), response.body());
        // with a limit of steps the same trace answers its first steps
        HttpResponse<String> limited = post("/rpc", rpc("debug_traceCall", """
                [{"from":"%s","to":"%s"},"latest",{"limit":100,"stateOverrides":{"%s":{"code":"%s"}}}]"""
                .formatted(DEV, PROGRAM, PROGRAM, LOOP)), "application/json");
        assertEquals(100, SimulationJson.mapper().readTree(limited.body()).at("/result/structLogs").size(),
                limited.body().substring(0, Math.min(300, limited.body().length())));
    }

    @Test
    void aRequestNested100000DeepIsRefusedAsBadInput() throws Exception {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertEquals(400, post("/v1/simulate", deep, "application/json").statusCode());
        HttpResponse<String> rpc = post("/rpc", deep, "application/json");
        assertEquals(-32700, SimulationJson.mapper().readTree(rpc.body()).at("/error/code").asInt(), rpc.body());
    }

    private static String rpc(String method, String params) {
        return """
                {"jsonrpc":"2.0","id":1,"method":"%s","params":%s}""".formatted(method, params);
    }

    private static HttpResponse<String> post(String path, String body, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Accept", accept).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
