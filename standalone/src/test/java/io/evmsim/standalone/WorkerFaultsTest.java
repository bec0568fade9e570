package io.evmsim.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.StateCacheClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real faults around the workers, on one platform (embedded Kafka and PostgreSQL, the gateway and a
 * worker in this JVM) whose state reads are slow enough to catch bundles in their middle. In order:
 * a client that goes away from its event stream mid-bundle cancels it; then the worker is killed
 * mid-bundle and a second one takes over.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerFaultsTest {
    /** One slow state round trip per transaction; a bundle of {@link #TRANSACTIONS} takes 6 s. */
    private static final long READ_MILLIS = 1_500;
    private static final int TRANSACTIONS = 4;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final SlowReads STATE = new SlowReads(READ_MILLIS);
    /** The first worker's view of {@link #STATE}: frozen when it is killed. */
    private static final Freezable FIRST_WORKERS_STATE = new Freezable(STATE);

    private static TestPlatform platform;
    private static String base;

    @BeforeAll
    static void start() {
        platform = TestPlatform.start(FIRST_WORKERS_STATE, "http://unused.invalid",
                "--evmsim.limits.deadline=60s", "--evmsim.limits.sync-wait=90s");
        base = "http://127.0.0.1:" + platform.gatewayPort();
    }

    @AfterAll
    static void stop() {
        FIRST_WORKERS_STATE.thaw();
        if (platform != null) {
            platform.close();
        }
    }

    /** The worker stops the bundle between two transactions, and the stored result says {@code CANCELLED}. */
    @Test
    @Order(1)
    void aStreamClosedMidBundleCancelsTheRestOfIt() throws Exception {
        String location;
        long closedAt;
        try (EventStream stream = EventStream.post(base + "/v1/simulate/bundle", SlowReads.bundle(0, TRANSACTIONS))) {
            assertEquals(200, stream.status());
            location = stream.location();
            EventStream.Event first = stream.next();
            assertNotNull(first);
            assertEquals("transaction", first.name(), first.data());
            closedAt = System.nanoTime();
        }
        // untouched, the bundle would take TRANSACTIONS slow reads more (6 s); cancelled, it ends in
        // the round trip under way plus the heartbeat's detection (two writes, 1 s apart)
        HttpResponse<String> found = get(location); // 404 until the gateway learns the client is gone
        while ((found.statusCode() == 202 || found.statusCode() == 404)
                && System.nanoTime() - closedAt < 20_000_000_000L) {
            Thread.sleep(100);
            found = get(location);
        }
        long endedMillis = (System.nanoTime() - closedAt) / 1_000_000;
        assertEquals(409, found.statusCode(), found.body());
        JsonNode result = JSON.readTree(found.body());
        assertEquals("CANCELLED", result.get("code").stringValue(), found.body());
        assertTrue(result.get("error").stringValue().startsWith("cancelled: its client went away; stopped after "),
                found.body());

        String replay = get(location + "/events").body();
        int transactions = replay.split("event:transaction", -1).length - 1;
        assertTrue(transactions >= 1 && transactions < TRANSACTIONS, transactions + " transactions: " + replay);
        System.out.printf("client disconnect: cancelled %d ms after the stream closed, after %d of %d transactions%n",
                endedMillis, transactions, TRANSACTIONS);
    }

    /**
     * Bundles are streamed and awaited as JSON; once one has streamed its first transaction, the only
     * worker is killed: its simulations stop where they are (their next state read never returns, as
     * in a process that died: nothing more of theirs is published) and its context is closed (its
     * consumer leaves the group, nothing committed past what it had finished). A second worker
     * starts. Each client must see every transaction of its bundle exactly once, in order, then the
     * summary.
     */
    @Test
    @Order(2)
    void aWorkerKilledMidBundleIsTakenOverAndEachResultIsSeenOnce() throws Exception {
        int streams = 6;
        int jsons = 2;
        int size = 3;
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch firstTransaction = new CountDownLatch(1);
        List<Future<List<EventStream.Event>>> streamed = new ArrayList<>();
        for (int b = 0; b < streams; b++) {
            String bundle = SlowReads.bundle(10 + b * size, size);
            streamed.add(clients.submit(() -> {
                List<EventStream.Event> events = new ArrayList<>();
                try (EventStream stream = EventStream.post(base + "/v1/simulate/bundle", bundle)) {
                    assertEquals(200, stream.status());
                    for (EventStream.Event event = stream.next(); event != null; event = stream.next()) {
                        events.add(event);
                        firstTransaction.countDown();
                    }
                }
                return events;
            }));
        }
        List<Future<HttpResponse<String>>> answered = new ArrayList<>();
        for (int b = 0; b < jsons; b++) {
            String bundle = SlowReads.bundle(100 + b * size, size);
            answered.add(clients.submit(() -> HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/simulate/bundle"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(bundle))
                    .build(), HttpResponse.BodyHandlers.ofString())));
        }
        assertTrue(firstTransaction.await(60, TimeUnit.SECONDS), "no bundle started");
        long killedAt = System.nanoTime();
        FIRST_WORKERS_STATE.freeze();
        platform.stopFirstWorker();
        platform.startWorker(STATE);
        long takenOverMillis = (System.nanoTime() - killedAt) / 1_000_000;

        int transactions = 0;
        for (Future<List<EventStream.Event>> future : streamed) {
            List<EventStream.Event> events = future.get(120, TimeUnit.SECONDS);
            List<String> names = events.stream().map(EventStream.Event::name).toList();
            assertEquals(List.of("transaction", "transaction", "transaction", "summary"), names, events.toString());
            for (int i = 0; i < size; i++) {
                assertEquals(i, JSON.readTree(events.get(i).data()).get("index").intValue(), events.toString());
                assertEquals(i, events.get(i).id(), events.toString());
            }
            assertEquals("success", JSON.readTree(events.getLast().data()).get("status").stringValue());
            transactions += size;
        }
        for (Future<HttpResponse<String>> future : answered) {
            HttpResponse<String> response = future.get(120, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode result = JSON.readTree(response.body());
            assertEquals("success", result.get("status").stringValue(), response.body());
            assertEquals(size, result.get("transactions").size(), response.body());
            for (int i = 0; i < size; i++) {
                assertEquals(i, result.get("transactions").get(i).get("index").intValue(), response.body());
            }
            transactions += size;
        }
        clients.close();
        System.out.printf("worker killed: %d bundles (%d transactions) answered, each result once; the second worker"
                + " was up %d ms after the kill, all answered %d ms after it%n", streams + jsons, transactions,
                takenOverMillis, (System.nanoTime() - killedAt) / 1_000_000);
    }

    /** A state source that can be frozen: a read after {@link #freeze()} waits until {@link #thaw()}. */
    private record Freezable(StateCacheClient state, CountDownLatch thawed, AtomicBoolean frozen)
            implements StateCacheClient {
        Freezable(StateCacheClient state) {
            this(state, new CountDownLatch(1), new AtomicBoolean());
        }

        void freeze() {
            frozen.set(true);
        }

        void thaw() {
            thawed.countDown();
        }

        private void waitIfFrozen() {
            while (frozen.get() && thawed.getCount() > 0) {
                try {
                    thawed.await();
                } catch (InterruptedException e) {
                    // a dead process does not wake up
                }
            }
        }

        @Override
        public BlockHeader resolveBlock(String blockId) {
            waitIfFrozen();
            return state.resolveBlock(blockId);
        }

        @Override
        public List<AccountData> read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount) {
            List<AccountData> read = state.read(block, slotsByAccount);
            waitIfFrozen(); // a read under way when the worker dies never returns either
            return read;
        }

        @Override
        public Map<Hash, byte[]> code(Set<Hash> codeHashes) {
            waitIfFrozen();
            return state.code(codeHashes);
        }

        @Override
        public Hash blockHash(long number) {
            waitIfFrozen();
            return state.blockHash(number);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
