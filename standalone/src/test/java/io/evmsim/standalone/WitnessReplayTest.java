package io.evmsim.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.testsupport.Anvil;
import io.evmsim.testsupport.Resources;
import io.evmsim.testsupport.Solc;
import io.evmsim.testsupport.TestDatabases;
import io.evmsim.worker.witness.Replay;
import io.evmsim.worker.witness.WitnessDocument;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Witnesses on the whole platform forking anvil: an ERC-20 transfer and a swap through a router and a
 * constant-product pair, simulated with {@code "witness": true}, replay offline from the witness alone to the same
 * status, gas used, return data, logs and state diff; a witness with a changed trie node, a wrong header or a
 * missing node is refused, and one whose result was changed differs. Prints the witness sizes, replay times and
 * what keeping a witness costs a simulation.
 */
class WitnessReplayTest {
    private static final String HOLDER = "0x0000000000000000000000000000000000001234";
    private static final String MAX = "f".repeat(64);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Anvil anvil;
    private static String tokenA;
    private static String pair;
    private static String router;
    private static ConfigurableApplicationContext stateCache;
    private static TestPlatform platform;

    @BeforeAll
    static void start() {
        anvil = Anvil.start();
        Solc.Contract token = Solc.compile(source("/rpc/Contracts.sol")).get("Token");
        Map<String, Solc.Contract> swap = Solc.compile(source("/witness/Swap.sol"));
        tokenA = anvil.deploy(token.bytecode());
        String tokenB = anvil.deploy(token.bytecode());
        pair = anvil.deploy(swap.get("Pair").bytecode() + word(tokenA) + word(tokenB));
        router = anvil.deploy(swap.get("SwapRouter").bytecode());
        anvil.transact(tokenA, call("transfer(address,uint256)", word(pair), amount(1_000)));
        anvil.transact(tokenB, call("transfer(address,uint256)", word(pair), amount(1_000)));
        anvil.transact(pair, call("sync()"));
        anvil.transact(tokenA, call("approve(address,uint256)", word(router), MAX));
        TestDatabases.TestDatabase cacheDb = TestDatabases.create("statecache");
        stateCache = Standalone.startStateCache(cacheDb.jdbcUrl(), cacheDb.username(), cacheDb.password(), 0,
                "--statecache.upstream.urls=" + anvil.url());
        platform = TestPlatform.start(null, "http://127.0.0.1:"
                + stateCache.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.close(platform, stateCache, anvil);
    }

    private static Map<String, Object> transfer() {
        return Map.of("from", Anvil.DEV_ACCOUNT, "to", tokenA,
                "data", call("transfer(address,uint256)", word(HOLDER), amount(250)));
    }

    private static Map<String, Object> swap() {
        return Map.of("from", Anvil.DEV_ACCOUNT, "to", router, "data",
                call("swapExactIn(address,address,uint256,address)", word(pair), word(tokenA), amount(1),
                        word(Anvil.DEV_ACCOUNT)));
    }

    @Test
    void anErc20TransfersWitnessReplaysToTheSameResult() throws Exception {
        Witnessed witnessed = simulateWithWitness("/v1/simulate", transfer());

        assertEquals("success", witnessed.result.get("status").stringValue());
        JsonNode kept = witnessed.witness.at("/result/transactions/0");
        assertEquals(witnessed.result.get("gasUsed"), kept.get("gasUsed"));
        assertEquals(undecoded(witnessed.result.get("logs")), kept.get("logs"));
        assertEquals(witnessed.result.get("stateDiff"), kept.get("stateDiff"));
        assertEquals(witnessed.result.get("returnData"), kept.get("returnData"));
        assertReplays("ERC-20 transfer", witnessed.witness);
    }

    @Test
    void aSwapThroughARouterAndAPairReplaysToTheSameResult() throws Exception {
        Witnessed witnessed = simulateWithWitness("/v1/simulate", swap());

        assertEquals("success", witnessed.result.get("status").stringValue(), witnessed.result.toString());
        assertEquals(undecoded(witnessed.result.get("logs")), witnessed.witness.at("/result/transactions/0/logs"));
        assertTrue(witnessed.result.get("logs").size() >= 4, "two transfers, the swap and the sync");
        assertEquals(witnessed.result.get("stateDiff"), witnessed.witness.at("/result/transactions/0/stateDiff"));
        assertReplays("swap", witnessed.witness);
    }

    @Test
    void aBundlesWitnessReplaysEveryTransaction() throws Exception {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("transactions", List.of(transfer(), swap()));
        Witnessed witnessed = simulateWithWitness("/v1/simulate/bundle", bundle);

        assertEquals(2, witnessed.witness.at("/result/transactions").size());
        assertEquals(Replay.MATCHES, Replay.replay(witnessed.witness).code(), Replay.replay(witnessed.witness).message());
    }

    /**
     * BLOCKHASH of the parent block, from code placed by a state override: the witness carries the parent's header,
     * linked by the pinned header's parent hash, and not the overridden account's code, which the request gives.
     */
    @Test
    void blockhashReadsBringTheirHeadersAndOverriddenCodeIsTakenFromTheRequest() throws Exception {
        String reader = "0x000000000000000000000000000000000000b10c";
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("from", Anvil.DEV_ACCOUNT);
        call.put("to", reader);
        // NUMBER PUSH1 1 SWAP1 SUB BLOCKHASH PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN
        call.put("stateOverrides", Map.of(reader, Map.of("code", "0x43600190034060005260206000f3")));
        Witnessed witnessed = simulateWithWitness("/v1/simulate", call);

        long pinned = witnessed.witness.at("/block/number").asLong();
        String parentHash = anvil.rpc().call("eth_getBlockByNumber", "0x" + Long.toHexString(pinned - 1), false)
                .get("hash").stringValue();
        assertEquals(parentHash, witnessed.result.get("returnData").stringValue());
        assertEquals(2, witnessed.witness.get("headers").size());
        assertTrue(witnessed.witness.get("codes").isEmpty(), "the overridden code is the request's, not the chain's");
        assertEquals(Replay.MATCHES, Replay.replay(witnessed.witness).code(), Replay.replay(witnessed.witness).message());

        ObjectNode wrongParent = (ObjectNode) witnessed.witness.deepCopy();
        ((ArrayNode) wrongParent.get("headers")).set(1, flipByte(wrongParent.at("/headers/1").stringValue()));
        assertRefused(wrongParent, "headers[1] hashes to");
        ObjectNode noParent = (ObjectNode) witnessed.witness.deepCopy();
        ((ArrayNode) noParent.get("headers")).remove(1);
        assertRefused(noParent, "no header of block " + (pinned - 1));
    }

    @Test
    void debugExecutionWitnessOnRpcAnswersTheSameWitnessForACall() throws Exception {
        HttpResponse<String> response = post("/rpc", Map.of("jsonrpc", "2.0", "id", 1, "method",
                "debug_executionWitness", "params", List.of(swap(), "latest")));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode witness = JSON.readTree(response.body()).get("result");
        assertTrue(witness != null && witness.isObject(), response.body());
        Map<String, Object> withoutPreview = new LinkedHashMap<>(swap());
        withoutPreview.put("include", List.of("logs"));
        JsonNode rest = simulateWithWitness("/v1/simulate", withoutPreview).witness;

        assertEquals(rest.get("state").size(), witness.get("state").size());
        assertEquals(rest.get("keys"), witness.get("keys"));
        assertEquals(rest.get("headers"), witness.get("headers"));
        assertEquals(rest.get("digest"), witness.get("digest"));
        Replay.Outcome outcome = Replay.replay(witness);
        assertEquals(Replay.MATCHES, outcome.code(), outcome.message());
    }

    @Test
    void aWitnessThatFailsACheckIsRefusedAndAChangedResultDiffers() throws Exception {
        JsonNode witness = simulateWithWitness("/v1/simulate", swap()).witness;

        ObjectNode flipped = (ObjectNode) witness.deepCopy();
        ArrayNode state = (ArrayNode) flipped.get("state");
        for (int i = 0; i < state.size(); i++) {
            state.set(i, flipByte(state.get(i).stringValue()));
        }
        assertRefused(flipped, "lacks the node");
        ObjectNode oneFlipped = (ObjectNode) witness.deepCopy();
        ArrayNode nodes = (ArrayNode) oneFlipped.get("state");
        nodes.set(nodes.size() - 1, flipByte(nodes.get(nodes.size() - 1).stringValue()));
        assertRefused(oneFlipped, "");

        ObjectNode wrongHeader = (ObjectNode) witness.deepCopy();
        ((ArrayNode) wrongHeader.get("headers")).set(0, flipByte(wrongHeader.at("/headers/0").stringValue()));
        assertRefused(wrongHeader, "headers[0] hashes to");

        ObjectNode missing = (ObjectNode) witness.deepCopy();
        ((ArrayNode) missing.get("state")).remove(missing.get("state").size() - 1);
        assertRefused(missing, "cannot prove");

        ObjectNode changed = (ObjectNode) witness.deepCopy();
        ObjectNode first = (ObjectNode) changed.at("/result/transactions/0");
        first.put("gasUsed", first.get("gasUsed").asLong() + 1);
        changed.put("digest", WitnessDocument.digest(changed.get("result")));
        Replay.Outcome differs = Replay.replay(changed);
        assertEquals(Replay.DIFFERS, differs.code(), differs.message());
        assertTrue(differs.message().contains("result.transactions[0].gasUsed"), differs.message());

        ObjectNode wrongDigest = (ObjectNode) witness.deepCopy();
        wrongDigest.put("digest", "0x" + "00".repeat(32));
        assertRefused(wrongDigest, "digest");
    }

    @Test
    void theCommandLineExitsZeroOnAMatchAndTwoOnARefusal() throws Exception {
        JsonNode witness = simulateWithWitness("/v1/simulate", transfer()).witness;
        // kept for bin/evm replay by hand
        Path file = Files.createDirectories(Path.of("target", "witnesses")).resolve("erc20-transfer.json");
        Path broken = Files.createTempFile("witness-broken", ".json");
        try {
            Files.writeString(file, witness.toString());
            ObjectNode wrongHeader = (ObjectNode) witness.deepCopy();
            ((ArrayNode) wrongHeader.get("headers")).set(0, flipByte(wrongHeader.at("/headers/0").stringValue()));
            Files.writeString(broken, wrongHeader.toString());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(0, Replay.run(new String[] {file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8)));
            assertEquals("replay: result matches", out.toString(StandardCharsets.UTF_8).strip());
            out.reset();
            assertEquals(2, Replay.run(new String[] {broken.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8)));
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("replay: refused: headers[0]"), out.toString());
        } finally {
            Files.deleteIfExists(broken);
        }
    }

    @Test
    void aSimulationAskedWithoutAWitnessKeepsNone() throws Exception {
        HttpResponse<String> response = post("/v1/simulate", transfer());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode result = JSON.readTree(response.body());
        assertFalse(result.has("witness"));
        assertEquals(200, stored("/v1/simulations/" + result.get("id").stringValue()).statusCode());
        HttpResponse<String> witness = get("/v1/simulations/" + result.get("id").stringValue() + "/witness");
        assertEquals(404, witness.statusCode(), witness.body());
        assertEquals("NOT_FOUND", JSON.readTree(witness.body()).get("code").stringValue(), witness.body());
        assertEquals(404, JSON.readTree(witness.body()).get("status").asInt(), witness.body());
        assertEquals(404, get("/v1/simulations/00000000-0000-0000-0000-000000000000/witness").statusCode());
    }

    /**
     * What keeping a witness adds to a simulation's time, over loopback: the mean of twenty of each, after forty of
     * each to warm the JIT (the witness's paths are cold otherwise, and would be measured as such).
     */
    @Test
    void measuresWhatAWitnessCosts() throws Exception {
        for (int i = 0; i < 40; i++) {
            post("/v1/simulate", swap());
            post("/v1/simulate", withWitness(swap()));
        }
        int runs = 20;
        long plain = 0;
        long witnessed = 0;
        double building = 0;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            assertEquals(200, post("/v1/simulate", swap()).statusCode());
            plain += System.nanoTime() - t;
            t = System.nanoTime();
            HttpResponse<String> response = post("/v1/simulate", withWitness(swap()));
            witnessed += System.nanoTime() - t;
            assertEquals(200, response.statusCode());
            building += JSON.readTree(response.body()).at("/timings/witnessMs").asDouble();
        }
        System.out.printf("witness cost (swap): %.2f ms per simulation without a witness, %.2f ms with one "
                + "(+%.2f ms; building it in the worker and state cache: %.2f ms)%n", plain / 1e6 / runs,
                witnessed / 1e6 / runs, (witnessed - plain) / 1e6 / runs, building / runs);
    }

    /** Replays the witness, and prints its size and the replay's time: the first (cold) and the best of five after it. */
    private static void assertReplays(String what, JsonNode witness) {
        long t = System.nanoTime();
        Replay.Outcome outcome = Replay.replay(witness);
        long first = System.nanoTime() - t;
        assertEquals(Replay.MATCHES, outcome.code(), outcome.message());
        long nanos = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            t = System.nanoTime();
            assertEquals(Replay.MATCHES, Replay.replay(witness).code());
            nanos = Math.min(nanos, System.nanoTime() - t);
        }
        System.out.printf("witness of the %s: %d bytes of JSON (%d trie nodes, %d codes, %d keys, %d headers); "
                + "replay %.2f ms the first time, %.2f ms warm%n", what, witness.toString().length(),
                witness.get("state").size(), witness.get("codes").size(), witness.get("keys").size(),
                witness.get("headers").size(), first / 1e6, nanos / 1e6);
    }

    /** Logs as the witness keeps them: without the ABI decoding a preview adds. */
    private static JsonNode undecoded(JsonNode logs) {
        ArrayNode copy = (ArrayNode) logs.deepCopy();
        copy.forEach(log -> ((ObjectNode) log).remove("decoded"));
        return copy;
    }

    private static void assertRefused(JsonNode witness, String reason) {
        Replay.Outcome outcome = Replay.replay(witness);
        assertEquals(Replay.REFUSED, outcome.code(), outcome.message());
        assertTrue(outcome.message().contains(reason), outcome.message());
    }

    private record Witnessed(JsonNode result, JsonNode witness) {
    }

    private static Witnessed simulateWithWitness(String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = post(path, withWitness(body));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode result = JSON.readTree(response.body());
        HttpResponse<String> witness = stored("/v1/simulations/" + result.get("id").stringValue() + "/witness");
        assertEquals(200, witness.statusCode(), witness.body());
        JsonNode parsed = JSON.readTree(witness.body());
        assertFalse(parsed.has("unprovable"), parsed.path("unprovable").toString());
        assertFalse(parsed.has("error"), parsed.path("error").toString());
        return new Witnessed(result, parsed);
    }

    /** A stored result's resource: it may be 404 for a few milliseconds after the answer (its row is written behind). */
    private static HttpResponse<String> stored(String path) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        HttpResponse<String> response = get(path);
        while (response.statusCode() == 404 && response.body().contains("SIMULATION_NOT_FOUND")
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
            response = get(path);
        }
        return response;
    }

    private static Map<String, Object> withWitness(Map<String, Object> body) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put("witness", true);
        return copy;
    }

    private static HttpResponse<String> post(String path, Object body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.gatewayPort() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.gatewayPort() + path)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The hex string with one byte in its middle changed. */
    private static String flipByte(String hex) {
        byte[] bytes = Hex.decode(hex);
        bytes[bytes.length / 2] ^= 0x01;
        return Hex.encode(bytes);
    }

    private static String call(String signature, String... words) {
        return Hex.encode(Keccak.keccak256(signature.getBytes(StandardCharsets.US_ASCII))).substring(0, 10)
                + String.join("", words);
    }

    private static String word(String address) {
        return Hex.encodeBare(Address.fromHex(address).toWord().toBytes32(), 0, 32);
    }

    private static String amount(long ether) {
        return Hex.encodeBare(UInt256.valueOf(ether).mul(UInt256.valueOf(1_000_000_000_000_000_000L)).toBytes32(),
                0, 32);
    }

    private static String source(String resource) {
        try (InputStream in = WitnessReplayTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
