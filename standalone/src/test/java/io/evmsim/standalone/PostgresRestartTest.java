package io.evmsim.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.testsupport.Resources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import io.evmsim.statecache.cache.PostgresAvailability;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real fault: the PostgreSQL server behind both the gateway's results store and the state cache is stopped
 * (fast shutdown, sessions cut) and started again while simulations keep coming. Simulations continue (the
 * state cache serves from the memory tier and its source, DEGRADED in its health), no request is answered
 * with a 5xx other than the documented 503, JSON-RPC state reads through the gateway keep their answers, and
 * every result answered during the outage is stored once the database is back (the gateway's store consumer
 * retries with backoff).
 */
class PostgresRestartTest {
    private static final String DEV = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int CLIENTS = 8;
    private static final Duration BEFORE = Duration.ofSeconds(2);
    /** The outage lasts at least this long, and until CLIENTS simulations sent during it were answered. */
    private static final Duration MIN_OUTAGE = Duration.ofSeconds(3);
    private static final Duration MAX_OUTAGE = Duration.ofSeconds(30);
    private static final Duration AFTER = Duration.ofSeconds(3);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final Duration RECOVERY = Duration.ofSeconds(20);
    private static final String RECOVERED = "HTTP 200, postgresTier UP";

    private static RestartablePostgres postgres;
    private static ConfigurableApplicationContext stateCache;
    private static TestPlatform platform;

    private record Answer(long sentAtNanos, long tookNanos, int status, String id) {
    }

    @BeforeAll
    static void start() throws Exception {
        postgres = RestartablePostgres.start(EmbeddedDatabases.SIMULATIONS, EmbeddedDatabases.STATE_CACHE);
        int stateCachePort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            stateCachePort = probe.getLocalPort();
        }
        // side by side, as bin/standalone starts them: the clients connect on first use
        CompletableFuture<ConfigurableApplicationContext> starting = CompletableFuture.supplyAsync(() ->
                Standalone.startStateCache(postgres.jdbcUrl(EmbeddedDatabases.STATE_CACHE), "postgres", "",
                        stateCachePort, "--statecache.cache.postgres-probe-interval=500ms"));
        try {
            platform = TestPlatform.start(() -> postgres.database(EmbeddedDatabases.SIMULATIONS), null,
                    "http://127.0.0.1:" + stateCachePort);
        } finally {
            stateCache = starting.join();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.close(platform, stateCache, postgres);
    }

    @Test
    void simulationsContinueWhilePostgresIsDownAndTheirResultsAreStoredWhenItReturns() throws Exception {
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        Map<String, String> unexpected = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong recipients = new AtomicLong();
        for (int i = 0; i < 3; i++) { // a cold JVM's first simulations are slow: not part of the measure
            assertEquals(200, post("/v1/simulate", "{\"from\":\"%s\",\"to\":\"0x%040x\",\"value\":\"0x1\"}"
                    .formatted(DEV, 0xaaaa0000L + i)).statusCode());
        }
        long began = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CLIENTS; c++) {
                boolean rpc = c % 4 == 3; // a quarter of the clients read state through the gateway's JSON-RPC
                clients.submit(() -> {
                    while (running.get()) {
                        if (rpc) {
                            String address = "0x%040x".formatted(0xbbbb0000L + recipients.incrementAndGet());
                            long sent = System.nanoTime();
                            HttpResponse<String> response = post("/rpc", "{\"jsonrpc\":\"2.0\",\"id\":1,"
                                    + "\"method\":\"eth_getBalance\",\"params\":[\"" + address + "\",\"latest\"]}");
                            if (response.statusCode() != 200 || !"0x0".equals(JSON.readTree(response.body())
                                    .path("result").asString(null))) {
                                unexpected.put(response.statusCode() + " eth_getBalance " + address, response.body());
                            }
                            answers.add(new Answer(sent - began, System.nanoTime() - sent, response.statusCode(),
                                    null));
                            continue;
                        }
                        // a new recipient each time: the state cache reads an account it has not cached
                        String to = "0x%040x".formatted(0xdead0000L + recipients.incrementAndGet());
                        long sent = System.nanoTime();
                        HttpResponse<String> response = post("/v1/simulate",
                                "{\"from\":\"%s\",\"to\":\"%s\",\"value\":\"0x1\"}".formatted(DEV, to));
                        long took = System.nanoTime() - sent;
                        String id = null;
                        if (response.statusCode() == 200) {
                            JsonNode result = JSON.readTree(response.body());
                            id = result.path("id").asString();
                            if (!"success".equals(result.path("status").asString())) {
                                unexpected.put(response.statusCode() + " " + to, response.body());
                            }
                        } else if (response.statusCode() != 503) {
                            unexpected.put(response.statusCode() + " " + to, response.body());
                        }
                        answers.add(new Answer(sent - began, took, response.statusCode(), id));
                    }
                    return null;
                });
            }
            Thread.sleep(BEFORE.toMillis());
            long outageStarted = System.nanoTime() - began;
            postgres.stop();
            Set<String> healthDuringOutage = new java.util.TreeSet<>();
            long stopped = System.nanoTime();
            for (long elapsed = 0; elapsed < MAX_OUTAGE.toNanos() && (elapsed < MIN_OUTAGE.toNanos()
                    || answers.stream().filter(a -> a.sentAtNanos() >= outageStarted && a.status() == 200).count()
                    < CLIENTS); elapsed = System.nanoTime() - stopped) {
                healthDuringOutage.add(stateCacheHealth());
                Thread.sleep(250);
            }
            long outageEnded = System.nanoTime() - began;
            postgres.resume();
            Thread.sleep(AFTER.toMillis());
            running.set(false);
            clients.shutdown();

            List<Answer> all = new ArrayList<>(answers);
            List<Answer> during = all.stream()
                    .filter(a -> a.sentAtNanos() >= outageStarted && a.sentAtNanos() < outageEnded).toList();
            Map<Integer, Long> byStatus = new TreeMap<>();
            all.forEach(a -> byStatus.merge(a.status(), 1L, Long::sum));
            long slowest = all.stream().mapToLong(Answer::tookNanos).max().orElse(0);
            List<String> answered = all.stream().filter(a -> a.status() == 200 && a.id() != null).map(Answer::id)
                    .toList();

            long catchUpStarted = System.nanoTime();
            int stored = storedResults(answered);
            while (stored < answered.size() && System.nanoTime() - catchUpStarted < CATCH_UP.toNanos()) {
                Thread.sleep(250);
                stored = storedResults(answered);
            }
            double catchUp = (System.nanoTime() - catchUpStarted) / 1e9;
            // the state cache finds its database again by a background probe (every 500 ms here)
            String healthAfter = stateCacheHealth();
            for (long until = System.nanoTime() + RECOVERY.toNanos();
                    !healthAfter.equals(RECOVERED) && System.nanoTime() < until; Thread.sleep(250)) {
                post("/v1/simulate", "{\"from\":\"%s\",\"to\":\"0x%040x\",\"value\":\"0x1\"}"
                        .formatted(DEV, 0xbeef0000L + recipients.incrementAndGet()));
                healthAfter = stateCacheHealth();
            }
            double recovered = (System.nanoTime() - began - outageEnded) / 1e9;
            String skipped = stateCacheMetric("evmsim_statecache_postgres_skipped_total");
            System.out.printf("postgres restart: %d requests (%d sent during the %.1f s outage), by status %s, "
                    + "slowest %.2f s; %d of %d simulation results stored %.1f s after the load ended; state cache health "
                    + "during the outage %s, %s %.1f s after PostgreSQL was started again; %s%n", all.size(),
                    during.size(), (outageEnded - outageStarted) / 1e9, byStatus, slowest / 1e9, stored,
                    answered.size(), catchUp, healthDuringOutage, healthAfter, recovered, skipped.replace('\n', ' '));

            assertEquals(Map.of(), unexpected, "every answer is a successful simulation or a documented 503");
            assertTrue(during.stream().filter(a -> a.status() == 200).count() >= CLIENTS,
                    "simulations continued during the outage: " + byStatus);
            assertTrue(healthDuringOutage.contains("HTTP 200, postgresTier DEGRADED"),
                    "the state cache showed it, still serving: " + healthDuringOutage);
            assertEquals(answered.size(), stored, "every answered result is stored once PostgreSQL is back");
            assertEquals(RECOVERED, healthAfter, "the state cache uses PostgreSQL again: "
                    + stateCache.getBean(PostgresAvailability.class).status());
            assertTrue(post("/v1/simulate", "{\"from\":\"%s\",\"to\":\"%s\",\"value\":\"0x1\"}"
                    .formatted(DEV, "0x000000000000000000000000000000000000beef")).body().contains("\"gasUsed\""),
                    "the platform serves after the restart");
        }
    }

    /** How many of the simulations have their final result stored in the gateway's database. */
    private static int storedResults(List<String> ids) throws Exception {
        try (Connection connection = postgres.database(EmbeddedDatabases.SIMULATIONS).connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(DISTINCT simulation_id) FROM simulation_event WHERE simulation_id = ANY(?)")) {
            Array array = connection.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray());
            query.setArray(1, array);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (java.sql.SQLException notYetBack) {
            return 0;
        }
    }

    /** The state cache's overall health status code and its PostgreSQL tier's status. */
    private static String stateCacheHealth() {
        try {
            HttpResponse<String> response = get(stateCacheManagement() + "/actuator/health");
            return "HTTP " + response.statusCode() + ", postgresTier "
                    + JSON.readTree(response.body()).at("/components/postgresTier/status").asString();
        } catch (Exception e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static String stateCacheMetric(String name) throws Exception {
        return get(stateCacheManagement() + "/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith(name)).reduce("", (a, b) -> a + b + "\n");
    }

    private static String stateCacheManagement() {
        return "http://127.0.0.1:" + stateCache.getEnvironment().getProperty("local.management.port");
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.gatewayPort() + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
