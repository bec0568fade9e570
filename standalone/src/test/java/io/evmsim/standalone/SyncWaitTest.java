package io.evmsim.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import tools.jackson.databind.json.JsonMapper;

/**
 * A simulation that outlasts the gateway's synchronous wait: {@code 202} with its location, found
 * pending by id at once, and its result by id once it finished.
 */
class SyncWaitTest {
    private static final String DEV = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    /** Reading this account takes the state source longer than the gateway waits. */
    private static final Address SLOW = Address.fromHex("0x00000000000000000000000000000000000005a0");
    private static final long SLOW_READ_MILLIS = 2_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestPlatform platform;
    private static String base;

    @BeforeAll
    static void start() {
        DevnetStateCache devnet = new DevnetStateCache();
        devnet.fund(Address.fromHex(DEV), UInt256.parse("10000000000000000000000"));
        platform = TestPlatform.start(SlowAccounts.of(devnet, SLOW, SLOW_READ_MILLIS), "http://unused.invalid",
                "--evmsim.limits.sync-wait=300ms", "--evmsim.limits.deadline=20s");
        base = "http://127.0.0.1:" + platform.gatewayPort();
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.close(platform);
    }

    @Test
    void aSimulationPastTheWaitIsAcceptedThenFoundPendingThenFinished() throws Exception {
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/simulate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"from":"%s","to":"%s","value":"1"}""".formatted(DEV, SLOW))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonNode pending = JSON.readTree(accepted.body());
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertEquals("/v1/simulations/" + pending.get("id").stringValue(), location);
        assertEquals("pending", pending.get("status").stringValue());

        HttpResponse<String> found = get(location);
        assertEquals(202, found.statusCode(), found.body()); // the slow read is still under way
        assertEquals("pending", JSON.readTree(found.body()).get("status").stringValue());

        for (long until = System.nanoTime() + 30_000_000_000L; found.statusCode() == 202 && System.nanoTime() < until; ) {
            Thread.sleep(100);
            found = get(location);
        }
        assertEquals(200, found.statusCode(), found.body());
        JsonNode result = JSON.readTree(found.body());
        assertEquals(pending.get("id"), result.get("id"));
        assertEquals("success", result.get("status").stringValue());
        assertEquals(21_000, result.get("gasUsed").longValue());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
