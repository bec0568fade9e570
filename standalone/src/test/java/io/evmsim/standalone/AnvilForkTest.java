package io.evmsim.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.UInt256;
import io.evmsim.testsupport.Anvil;
import io.evmsim.testsupport.Solc;
import io.evmsim.testsupport.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
 * used, logs, and the state diff of the prestate tracer in diff mode.
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
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (stateCache != null) {
            stateCache.close();
        }
        if (anvil != null) {
            anvil.close();
        }
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
