package io.evmsim.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka broker restarted under load (stopped, kept down, started again on its port with its
 * data): every request in flight is answered, with its result, a 202 whose result later comes, or a
 * 503; none hangs; and the gateway serves again without a restart of its own.
 */
class BrokerRestartTest {
    private static final String DEV = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    private static final String TRANSFER = "{\"from\":\"%s\",\"to\":\"0x000000000000000000000000000000000000beef\","
            + "\"value\":\"1\"}";
    private static final Duration DOWN = Duration.ofSeconds(3);
    /** Longer than any answer may take: a request still unanswered then has hung. */
    private static final Duration HUNG = Duration.ofSeconds(45);
    private static final int CLIENTS = 4;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestPlatform platform;
    private static String base;

    @BeforeAll
    static void start() {
        DevnetStateCache devnet = new DevnetStateCache();
        devnet.fund(Address.fromHex(DEV), UInt256.parse("10000000000000000000000"));
        platform = TestPlatform.startRestartable(devnet, "http://unused.invalid", "--evmsim.limits.sync-wait=5s");
        base = "http://127.0.0.1:" + platform.gatewayPort();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private record Answer(long startedNanos, int status, String body, long millis) {
    }

    @Test
    void inFlightRequestsAreAnsweredAndTheGatewayServesAgain() throws Exception {
        assertEquals(200, simulate().statusCode()); // the pipeline works before the fault
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        for (int c = 0; c < CLIENTS; c++) {
            clients.execute(() -> {
                while (loading.get()) {
                    long started = System.nanoTime();
                    try {
                        HttpResponse<String> response = simulate();
                        answers.add(new Answer(started, response.statusCode(), response.body(),
                                (System.nanoTime() - started) / 1_000_000));
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }
            });
        }
        Thread.sleep(2_000);
        long restartedAt = System.nanoTime();
        platform.restartBroker(DOWN);
        long upAt = System.nanoTime();
        // the load goes on until the gateway has served successes again for a while
        long servingAgainAt = 0;
        while (System.nanoTime() - upAt < HUNG.toNanos()) {
            Thread.sleep(200);
            long since = upAt;
            boolean served = answers.stream().anyMatch(a -> a.startedNanos() > since && a.status() == 200);
            if (served && servingAgainAt == 0) {
                servingAgainAt = System.nanoTime();
            }
            if (servingAgainAt != 0 && System.nanoTime() - servingAgainAt > 2_000_000_000L) {
                break;
            }
        }
        loading.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(HUNG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS),
                "a request hung");
        assertTrue(failures.isEmpty(), "requests without an answer: " + failures);

        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> accepted = new ArrayList<>();
        long slowest = 0;
        for (Answer answer : answers) {
            statuses.merge(answer.status(), 1, Integer::sum);
            slowest = Math.max(slowest, answer.millis());
            JsonNode body = JSON.readTree(answer.body()); // every answer is JSON
            assertTrue(answer.status() == 200 || answer.status() == 202 || answer.status() == 503,
                    answer.status() + " " + answer.body());
            if (answer.status() == 200) {
                assertEquals(21_000, body.get("gasUsed").longValue(), answer.body());
            } else if (answer.status() == 202) {
                accepted.add(body.get("location").stringValue());
            }
        }
        assertTrue(servingAgainAt != 0, "the gateway did not serve again within " + HUNG + ": " + statuses);
        // an accepted simulation ends too: its result (or an error) is stored
        for (String location : accepted) {
            HttpResponse<String> found = get(location);
            for (long until = System.nanoTime() + HUNG.toNanos(); found.statusCode() == 202
                    && System.nanoTime() < until; found = get(location)) {
                Thread.sleep(200);
            }
            assertTrue(found.statusCode() == 200 || found.statusCode() == 503, found.statusCode() + " " + found.body());
        }
        System.out.printf("broker restart (down %d ms): %d requests, statuses %s, slowest answer %d ms, serving again"
                + " %d ms after the broker was back (%d ms after it stopped)%n",
                (upAt - restartedAt) / 1_000_000, answers.size(), statuses, slowest,
                (servingAgainAt - upAt) / 1_000_000, (servingAgainAt - restartedAt) / 1_000_000);
    }

    private static HttpResponse<String> simulate() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/simulate")).timeout(HUNG)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TRANSFER.formatted(DEV))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(HUNG).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
