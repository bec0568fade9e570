package io.evmsim.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.testsupport.NodeTools;
import io.evmsim.testsupport.Resources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * API keys, quotas and private results ({@code EVMSIM_AUTH=keys}) on two gateway replicas sharing one
 * PostgreSQL and one Kafka: keys are administered on a replica's management port, refused with 401/403, limited
 * per second by one bucket whichever replica serves them, charged their gas per day, and a result is readable
 * by its own key only until shared.
 */
class TenantsTest {
    private static final String DEV = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    private static final String RECIPIENT = "0x000000000000000000000000000000000000beef";
    private static final String TRANSFER = """
            {"from":"%s","to":"%s","value":"1"}""".formatted(DEV, RECIPIENT);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Every replica reads a key again on every request, and a key's gas at every simulation. */
    private static final String[] KEYS = {"--evmsim.auth.mode=keys", "--evmsim.auth.key-cache-ttl=0s",
            "--evmsim.auth.gas-cache-ttl=0s"};

    private static TestPlatform platform;
    private static String first;
    private static String second;
    private static String admin;
    private static String secondAdmin;

    @BeforeAll
    static void start() {
        DevnetStateCache devnet = new DevnetStateCache();
        devnet.fund(Address.fromHex(DEV), UInt256.parse("10000000000000000000000"));
        platform = TestPlatform.start(devnet, "http://unused.invalid", KEYS);
        Services replica = platform.startGateway(devnet, KEYS);
        first = "http://127.0.0.1:" + platform.gatewayPort();
        second = "http://127.0.0.1:" + replica.gatewayPort();
        admin = "http://127.0.0.1:" + platform.gatewayManagementPort() + "/admin/v1/keys";
        secondAdmin = "http://127.0.0.1:" + replica.gatewayManagementPort() + "/admin/v1/keys";
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.close(platform);
    }

    @Test
    void keysAreAdministeredOnTheManagementPortAndShownOnce() throws Exception {
        JsonNode created = createKey("wallet-backend", 50, 1_000_000);
        String key = created.get("key").stringValue();
        String id = created.get("id").stringValue();
        assertTrue(key.startsWith("evs_") && key.length() == 47, key);
        assertEquals(key.substring(0, 10), created.get("prefix").stringValue());

        HttpResponse<String> list = send(HttpRequest.newBuilder(URI.create(secondAdmin)).GET(), null);
        assertEquals(200, list.statusCode());
        assertFalse(list.body().contains(key), "a key is shown once, never listed");
        assertTrue(list.body().contains(id), list.body());

        HttpResponse<String> patched = send(HttpRequest.newBuilder(URI.create(admin + "/" + id))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"requestsPerSecond\":7}")), null);
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals(7, JSON.readTree(patched.body()).get("requestsPerSecond").intValue());
        assertEquals("wallet-backend", JSON.readTree(patched.body()).get("name").stringValue());

        HttpResponse<String> invalid = post(admin, "{\"name\":\"x\",\"requestsPerSecond\":0,\"gasPerDay\":1}", null);
        assertEquals(400, invalid.statusCode());
        assertEquals("requestsPerSecond", JSON.readTree(invalid.body()).get("field").stringValue());
        HttpResponse<String> unknownField = post(admin, "{\"name\":\"x\",\"requestsPerSecond\":1,\"gasPerDay\":1,"
                + "\"admin\":true}", null);
        assertEquals("admin", JSON.readTree(unknownField.body()).get("field").stringValue());

        HttpResponse<String> onApiPort = post(first + "/admin/v1/keys", "{\"name\":\"x\",\"requestsPerSecond\":1,"
                + "\"gasPerDay\":1}", key);
        assertEquals(404, onApiPort.statusCode(), "the API port has no administration");
    }

    @Test
    void missingUnknownAndRevokedKeysAreRefused() throws Exception {
        HttpResponse<String> missing = post(first + "/v1/simulate", TRANSFER, null);
        assertProblem(missing, 401, "API_KEY_MISSING");
        assertNotNull(missing.headers().firstValue("WWW-Authenticate").orElse(null));

        HttpResponse<String> unknown = post(second + "/v1/simulate", TRANSFER, "evs_" + "A".repeat(43));
        assertProblem(unknown, 401, "API_KEY_UNKNOWN");

        JsonNode created = createKey("revoked-later", 50, 1_000_000);
        String key = created.get("key").stringValue();
        assertEquals(200, post(second + "/v1/simulate", TRANSFER, key).statusCode());
        HttpResponse<String> revoked = send(HttpRequest.newBuilder(URI.create(admin + "/"
                + created.get("id").stringValue())).DELETE(), null);
        assertEquals(204, revoked.statusCode());
        assertProblem(post(second + "/v1/simulate", TRANSFER, key), 403, "API_KEY_REVOKED");
        assertProblem(post(first + "/rpc/" + key, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}", null),
                403, "API_KEY_REVOKED");
    }

    @Test
    void aKeyOverItsRateIsRefusedThenServedAfterTheWindow() throws Exception {
        String key = createKey("bursty", 2, 1_000_000).get("key").stringValue();
        String unknownResult = first + "/v1/simulations/" + UUID.randomUUID();
        HttpResponse<String> refused = null;
        int served = 0;
        for (int i = 0; i < 6 && refused == null; i++) {
            HttpResponse<String> response = get(unknownResult, key);
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertEquals(404, response.statusCode(), response.body());
                assertEquals("\"requests\";q=2;w=1, \"gas\";q=1000000;w=86400",
                        response.headers().firstValue("RateLimit-Policy").orElseThrow());
                served++;
            }
        }
        assertNotNull(refused, "six requests at once from a key of 2 per second");
        assertTrue(served >= 2, "the bucket starts full: " + served);
        assertProblem(refused, 429, "RATE_LIMITED");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 1, "one token comes back within a second: " + retryAfter);
        assertTrue(refused.headers().firstValue("RateLimit").orElseThrow().startsWith("\"requests\";r=0;t="));

        Thread.sleep(retryAfter * 1000);
        assertEquals(404, get(unknownResult, key).statusCode(), "served again after Retry-After");
    }

    @Test
    void aChangedRateAppliesFromTheNextRequest() throws Exception {
        JsonNode created = createKey("raised", 1, 1_000_000);
        String key = created.get("key").stringValue();
        String unknownResult = first + "/v1/simulations/" + UUID.randomUUID();
        assertEquals(404, get(unknownResult, key).statusCode());
        assertProblem(get(unknownResult, key), 429, "RATE_LIMITED");
        HttpResponse<String> raised = send(HttpRequest.newBuilder(URI.create(admin + "/"
                + created.get("id").stringValue())).method("PATCH",
                HttpRequest.BodyPublishers.ofString("{\"requestsPerSecond\":1000}")), null);
        assertEquals(200, raised.statusCode(), raised.body());
        Thread.sleep(20); // 1000 a second: a token within a millisecond
        HttpResponse<String> served = get(unknownResult, key);
        assertEquals(404, served.statusCode(), served.body());
        assertTrue(served.headers().firstValue("RateLimit-Policy").orElseThrow().startsWith("\"requests\";q=1000;w=1"));
    }

    @Test
    void twoReplicasEnforceOneSharedQuota() throws Exception {
        int perSecond = 5;
        String key = createKey("two-replicas", perSecond, 1_000_000).get("key").stringValue();
        int served = 0;
        int[] refusedBy = new int[2];
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            String base = i % 2 == 0 ? first : second;
            int status = get(base + "/v1/simulations/" + UUID.randomUUID(), key).statusCode();
            if (status == 429) {
                refusedBy[i % 2]++;
            } else {
                assertEquals(404, status);
                served++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // one bucket: its capacity, and what refilled meanwhile; a bucket per replica would serve twice that
        long allowed = perSecond + (long) Math.ceil(seconds * perSecond);
        assertTrue(served <= allowed, served + " served in " + seconds + " s; one shared bucket allows " + allowed);
        assertTrue(refusedBy[0] > 0 && refusedBy[1] > 0, "both replicas refuse: " + refusedBy[0] + ", " + refusedBy[1]);
    }

    @Test
    void aResultIsPrivateToItsKeyUntilShared() throws Exception {
        String owner = createKey("owner", 100, 1_000_000).get("key").stringValue();
        String other = createKey("other", 100, 1_000_000).get("key").stringValue();
        HttpResponse<String> simulated = post(first + "/v1/simulate", TRANSFER, owner);
        assertEquals(200, simulated.statusCode(), simulated.body());
        String id = JSON.readTree(simulated.body()).get("id").stringValue();
        String result = second + "/v1/simulations/" + id;

        assertEquals(200, awaitStored(result, owner).statusCode());
        assertProblem(get(result, other), 404, "SIMULATION_NOT_FOUND");
        assertProblem(get(result + "/events", other), 404, "SIMULATION_NOT_FOUND");
        assertProblem(get(result, null), 401, "API_KEY_MISSING");
        assertProblem(post(result + "/share", "", other), 404, "SIMULATION_NOT_FOUND");
        assertProblem(get(second + "/s/" + id, other), 404, "SIMULATION_NOT_FOUND"); // its page, too
        assertProblem(get(second + "/v1/./simulations/" + id, other), 404, "SIMULATION_NOT_FOUND");
        assertEquals(200, get(second + "/s/" + id, owner).statusCode());

        HttpResponse<String> shared = post(first + "/v1/simulations/" + id + "/share", "", owner);
        assertEquals(200, shared.statusCode(), shared.body());
        assertEquals("/v1/simulations/" + id, JSON.readTree(shared.body()).get("url").stringValue());
        assertEquals(200, get(result, other).statusCode());
        HttpResponse<String> link = get(result, null);
        assertEquals(200, link.statusCode(), "a share link needs no key");
        assertEquals(id, JSON.readTree(link.body()).get("id").stringValue());
        HttpResponse<String> events = get(result + "/events", null);
        assertEquals(200, events.statusCode());
        assertTrue(events.body().contains("event:summary"), events.body());
        HttpResponse<String> page = get(second + "/s/" + id, null);
        assertEquals(200, page.statusCode(), "a shared result's page needs no key");
        assertTrue(page.body().contains(id), page.body());
        assertEquals(200, get(second + "/page/simulation.css", null).statusCode(), "nor do the page's style and script");
        assertEquals(200, get(second + "/page/simulation.js", null).statusCode());

        assertEquals(204, send(HttpRequest.newBuilder(URI.create(result + "/share")).DELETE(), owner).statusCode());
        assertProblem(get(result, other), 404, "SIMULATION_NOT_FOUND");
        assertProblem(get(result, null), 401, "API_KEY_MISSING");
        assertProblem(get(second + "/s/" + id, null), 401, "API_KEY_MISSING");
        assertEquals(200, get(first + "/v3/api-docs", null).statusCode(), "the API's description is public");
    }

    @Test
    void gasIsChargedWhenTheResultArrivesAndADaysGasStopsTheKey() throws Exception {
        JsonNode created = createKey("gas-metered", 100, 30_000);
        String key = created.get("key").stringValue();
        assertEquals(200, post(first + "/v1/simulate", TRANSFER, key).statusCode());
        assertEquals(21_000, awaitGasUsed(created.get("id").stringValue(), 21_000));
        assertEquals(200, post(second + "/v1/simulate", TRANSFER, key).statusCode(), "21,000 of 30,000 used");
        awaitGasUsed(created.get("id").stringValue(), 42_000);

        HttpResponse<String> refused = post(second + "/v1/simulate", TRANSFER, key);
        assertProblem(refused, 429, "GAS_QUOTA_EXCEEDED");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 86_401, "until the next UTC day: " + retryAfter);
        assertProblem(post(first + "/rpc/" + key, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_call\",\"params\":"
                + "[{\"to\":\"" + RECIPIENT + "\"},\"latest\"]}", null), 429, "GAS_QUOTA_EXCEEDED");
    }

    @Test
    void viemCallsWithTheKeyInTheUrlUnchanged() throws Exception {
        String key = createKey("viem", 100, 1_000_000).get("key").stringValue();
        Path tools = NodeTools.installed();
        Process node = new ProcessBuilder("node", Path.of("src/test/resources/tenants/viem-path-key.cjs").toString(),
                tools.toString(), second + "/rpc/" + key, DEV, RECIPIENT).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, node.waitFor(), "viem failed: " + err);
        JsonNode answer = JSON.readTree(out);
        assertEquals("10000000000000000000000", answer.get("balance").stringValue(), out);
        assertEquals("0", answer.get("blockNumber").stringValue(), out);
        assertTrue(answer.get("call").isNull(), "a value transfer returns no data: " + out);
        assertEquals(401, answer.get("refused").intValue(), "the same URL without its key: " + out);
    }

    private static JsonNode createKey(String name, int requestsPerSecond, long gasPerDay) throws Exception {
        HttpResponse<String> created = post(admin, JSON.writeValueAsString(Map.of("name", name,
                "requestsPerSecond", requestsPerSecond, "gasPerDay", gasPerDay)), null);
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body());
    }

    /** The gas the admin list shows for the key today, once it reaches {@code expected} (charged on storing). */
    private static long awaitGasUsed(String id, long expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long used = -1;
        while (System.nanoTime() < deadline) {
            for (JsonNode key : JSON.readTree(send(HttpRequest.newBuilder(URI.create(admin)).GET(), null).body())) {
                if (key.get("id").stringValue().equals(id)) {
                    used = key.get("gasUsedToday").longValue();
                }
            }
            if (used >= expected) {
                return used;
            }
            Thread.sleep(50);
        }
        return used;
    }

    /** A result is stored a few milliseconds after its answer. */
    private static HttpResponse<String> awaitStored(String url, String key) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        HttpResponse<String> response = get(url, key);
        while (response.statusCode() == 404 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            response = get(url, key);
        }
        return response;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(code, JSON.readTree(response.body()).get("code").stringValue(), response.body());
    }

    private static HttpResponse<String> get(String url, String key) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), key);
    }

    private static HttpResponse<String> post(String url, String body, String key) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), key);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String key) throws Exception {
        if (key != null) {
            request.header("X-Api-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
