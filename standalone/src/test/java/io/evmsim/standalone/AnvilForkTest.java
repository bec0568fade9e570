package io.evmsim.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.follow.ChainFollower;
import io.evmsim.testsupport.Anvil;
import io.evmsim.testsupport.Resources;
import io.evmsim.testsupport.Solc;
import io.evmsim.testsupport.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform forking a real node: anvil with an ERC-20 deployed is the state cache's
 * upstream; the gateway, Kafka, the worker and PostgreSQL are real. A token transfer simulated
 * through {@code POST /v1/simulate} must match anvil's own {@code debug_traceCall}: status, gas
 * used, logs, and the state diff of the prestate tracer in diff mode; and each result's provenance.
 */
class AnvilForkTest {
    private static final String HOLDER = "0x0000000000000000000000000000000000001234";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Anvil anvil;
    private static String token;
    private static ConfigurableApplicationContext stateCache;
    private static TestPlatform platform;

    @BeforeAll
    static void start() {
        anvil = Anvil.start();
        Solc.Contract contract = Solc.compile(tokenSource()).get("Token");
        token = anvil.deploy(contract.bytecode() + Hex.encodeBare(UInt256.valueOf(1_000_000).toBytes32(), 0, 32));
        TestDatabases.TestDatabase cacheDb = TestDatabases.create("statecache");
        stateCache = Standalone.startStateCache(cacheDb.jdbcUrl(), cacheDb.username(), cacheDb.password(), 0,
                "--statecache.upstream.urls=" + anvil.url());
        String stateCacheUrl = "http://127.0.0.1:" + stateCache.getEnvironment().getProperty("local.server.port");
        platform = TestPlatform.start(null, stateCacheUrl);
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.close(platform, stateCache, anvil);
    }

    @Test
    void erc20TransferMatchesAnvilsOwnTrace() throws Exception {
        String data = "0xa9059cbb" + "00".repeat(12) + HOLDER.substring(2) + Hex.encodeBare(
                UInt256.valueOf(250).toBytes32(), 0, 32);
        Map<String, String> call = Map.of("from", Anvil.DEV_ACCOUNT, "to", token, "data", data);

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + platform.gatewayPort() + "/v1/simulate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(call))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode ours = JSON.readTree(response.body());

        JsonNode calls = anvil.rpc().call("debug_traceCall", call, "latest",
                Map.of("tracer", "callTracer", "tracerConfig", Map.of("withLog", true)));
        JsonNode diff = anvil.rpc().call("debug_traceCall", call, "latest",
                Map.of("tracer", "prestateTracer", "tracerConfig", Map.of("diffMode", true)));

        assertFalse(calls.has("error"), calls.toString());
        assertEquals("success", ours.get("status").stringValue());
        assertEquals(Long.decode(calls.get("gasUsed").stringValue()), ours.get("gasUsed").longValue());
        assertEquals(calls.get("logs").size(), ours.get("logs").size());
        for (int i = 0; i < calls.get("logs").size(); i++) {
            JsonNode theirs = calls.get("logs").get(i);
            JsonNode mine = ours.get("logs").get(i);
            assertEquals(theirs.get("address").stringValue().toLowerCase(), mine.get("address").stringValue());
            assertEquals(theirs.get("topics"), mine.get("topics"));
            assertEquals(theirs.get("data"), mine.get("data"));
        }
        assertEquals("Transfer", ours.at("/logs/0/event/event").stringValue());
        assertEquals("250", ours.at("/assetChanges/byAddress/" + HOLDER + "/0/delta").stringValue());
        assertEquals(normalized(diff), normalized(ours.get("stateDiff")));
    }

    /**
     * Proven on fetched state; once the head follower has carried it to the next block, a result there names the
     * carried reads; an override is named as OVERRIDDEN, never as proven.
     */
    @Test
    void aResultSaysWhatItsStateRestsOn() throws Exception {
        String holder = "0x0000000000000000000000000000000000005678";
        String data = "0xa9059cbb" + "00".repeat(12) + holder.substring(2) + Hex.encodeBare(
                UInt256.valueOf(3).toBytes32(), 0, 32);
        JsonNode parent = anvil.rpc().call("eth_getBlockByNumber", "latest", false);
        JsonNode first = simulate(Map.of("from", Anvil.DEV_ACCOUNT, "to", token, "data", data,
                "block", parent.get("hash").stringValue()));
        assertEquals(JSON.readTree("{\"proven\":true}"), first.get("provenance"), first.toString());

        ChainFollower follower = stateCache.getBean(ChainFollower.class);
        long number = Long.decode(parent.get("number").stringValue());
        await(() -> follower.status().get("head").toString().startsWith(number + " "), "the follower sees " + number);
        long carried = (Long) follower.status().get("carriedBlocks");
        anvil.transact(token, "0xa9059cbb" + "00".repeat(12) + HOLDER.substring(2) + Hex.encodeBare(
                UInt256.valueOf(5).toBytes32(), 0, 32));
        await(() -> (Long) follower.status().get("carriedBlocks") > carried, "block " + (number + 1) + " carried");
        String child = anvil.rpc().call("eth_getBlockByNumber", "latest", false).get("hash").stringValue();

        JsonNode provenance = simulate(Map.of("from", Anvil.DEV_ACCOUNT, "to", token, "data", data, "block", child))
                .get("provenance");
        assertFalse(provenance.get("proven").booleanValue(), provenance.toString());
        assertTrue(provenance.get("unprovenReads").intValue() > 0, provenance.toString());
        boolean senderCarried = false;
        for (JsonNode read : provenance.get("unproven")) {
            assertEquals("CARRIED", read.get("source").stringValue(), provenance.toString());
            senderCarried |= read.get("address").stringValue().equalsIgnoreCase(Anvil.DEV_ACCOUNT) && !read.has("slot");
        }
        assertTrue(senderCarried, "the sender's nonce and balance were carried: " + provenance);

        JsonNode overridden = simulate(Map.of("from", Anvil.DEV_ACCOUNT, "to", token, "data", data,
                "block", parent.get("hash").stringValue(),
                "stateOverrides", Map.of(holder, Map.of("balance", "0x1")))).get("provenance");
        assertEquals(JSON.readTree("{\"proven\":false,\"unprovenReads\":0,\"unproven\":[],\"overridden\":[{\"address\":\""
                + holder + "\",\"fields\":[\"balance\"],\"source\":\"OVERRIDDEN\"}],\"overriddenAccounts\":1}"),
                overridden);
    }

    private static JsonNode simulate(Map<String, Object> call) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + platform.gatewayPort() + "/v1/simulate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(call))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(100);
        }
    }

    /** Addresses lower-cased and quantities as numbers, so that only the values are compared. */
    private static JsonNode normalized(JsonNode diff) {
        var root = JSON.createObjectNode();
        for (String side : new String[] {"pre", "post"}) {
            var out = root.putObject(side);
            for (var account : diff.get(side).properties()) {
                var a = out.putObject(account.getKey().toLowerCase());
                for (var field : account.getValue().properties()) {
                    JsonNode value = field.getValue();
                    switch (field.getKey()) {
                        case "balance" -> a.put("balance", new java.math.BigInteger(value.stringValue().substring(2), 16));
                        case "nonce" -> a.put("nonce", value.asLong());
                        default -> a.set(field.getKey(), value);
                    }
                }
            }
        }
        return root;
    }

    private static String tokenSource() {
        try (InputStream in = AnvilForkTest.class.getResourceAsStream("/contracts/Token.sol")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
