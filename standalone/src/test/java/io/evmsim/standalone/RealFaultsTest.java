package io.evmsim.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.ChainDescription;
import io.evmsim.statecache.client.StateCacheClient;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * Real faults, on one platform (embedded Kafka and PostgreSQL, the gateway and a worker in this JVM;
 * one start for the three, which are slow to start here) whose state reads for some accounts are
 * slow enough to catch bundles in their middle. In order: a client that closes its connection while it waits
 * for a bundle's JSON answer, or for a JSON-RPC answer, cancels it; a client that goes away from its event
 * stream mid-bundle cancels it; the worker is killed mid-bundle and a second one takes over; the
 * broker is restarted under load.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealFaultsTest {
    /** One slow state round trip per transaction; a bundle of {@link #TRANSACTIONS} takes 6 s. */
    private static final long READ_MILLIS = 1_500;
    private static final int TRANSACTIONS = 4;
    private static final String TRANSFER = "{\"from\":\"%s\",\"to\":\"0x000000000000000000000000000000000000beef\","
            + "\"value\":\"1\"}";
    private static final Duration DOWN = Duration.ofSeconds(3);
    /** Longer than any answer may take (the sync wait, 45 s): a request still unanswered then has hung. */
    private static final Duration HUNG = Duration.ofSeconds(60);
    private static final int CLIENTS = 4;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final SlowAccounts STATE = SlowReads.state(READ_MILLIS);
    /** The first worker's view of {@link #STATE}: frozen when it is killed. */
    private static final Freezable FIRST_WORKERS_STATE = new Freezable(STATE);

    private static TestPlatform platform;
    private static String base;

    @BeforeAll
    static void start() {
        platform = TestPlatform.startRestartable(FIRST_WORKERS_STATE, "http://unused.invalid",
                "--evmsim.limits.deadline=45s", "--evmsim.limits.sync-wait=45s");
        base = "http://127.0.0.1:" + platform.gatewayPort();
    }

    @AfterAll
    static void stop() {
        FIRST_WORKERS_STATE.thaw();
        if (platform != null) {
            platform.close();
        }
    }

    /**
     * A synchronous bundle (JSON, not a stream) whose client closes its connection after the first transaction
     * began: the gateway notices while it waits, and the worker stops before the transactions after the next.
     * Untouched, the bundle would read all its slow accounts within 6 s.
     */
    @Test
    @Order(0)
    void aSynchronousBundleDroppedByItsClientIsCancelled() throws Exception {
        int first = 40;
        dropMidway("POST /v1/simulate/bundle", SlowReads.bundle(first, TRANSACTIONS), first);
        assertStopped(first);
    }

    /**
     * The same through {@code POST /rpc}: an {@code eth_call} that reads slow accounts one after another
     * ({@link SlowReads#CHAIN_READER}).
     */
    @Test
    @Order(0)
    void aJsonRpcCallDroppedByItsClientIsCancelled() throws Exception {
        int first = SlowReads.CHAIN_FIRST;
        dropMidway("POST /rpc", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_call\",\"params\":[{\"to\":\""
                + SlowReads.CHAIN_READER + "\",\"data\":\"0x" + "00".repeat(12)
                + SlowReads.slow(first).toString().substring(2) + "\"},\"latest\"]}", first);
        assertStopped(first);
    }

    /** Sends the request, waits until the read of slow account {@code first} began, and closes the connection. */
    private static void dropMidway(String requestLine, String json, int first) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", platform.gatewayPort())) {
            socket.getOutputStream().write((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            long start = System.nanoTime();
            while (!STATE.begun().contains(SlowReads.slow(first)) && System.nanoTime() - start < 20_000_000_000L) {
                Thread.sleep(20);
            }
            assertTrue(STATE.begun().contains(SlowReads.slow(first)), "the simulation never began");
        }
    }

    /**
     * Waits as long as the whole simulation would take, then checks its last slow accounts were never read: the
     * worker may finish the transaction under way and begin the next before the cancellation reaches it.
     */
    private static void assertStopped(int first) throws InterruptedException {
        Thread.sleep(READ_MILLIS * (TRANSACTIONS + 1));
        List<Integer> read = new ArrayList<>();
        for (int i = 0; i < TRANSACTIONS; i++) {
            if (STATE.begun().contains(SlowReads.slow(first + i))) {
                read.add(i);
            }
        }
        assertTrue(read.contains(0) && read.size() <= 2, "slow accounts whose reads began (in order): " + read);
        System.out.printf("client closed its connection: the reads of slow accounts %s of %d began%n", read,
                TRANSACTIONS);
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
        assertTrue(result.get("detail").stringValue().startsWith("cancelled: its client went away; stopped after "),
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

    private record Answer(long startedNanos, int status, String body, long millis) {
    }

    /**
     * The broker stopped, kept down {@link #DOWN}, and started again on its port with its data, under
     * load: every request in flight is answered, with its result, a 202 whose result later comes, or a
     * 503; none hangs; and the gateway serves again without a restart of its own.
     */
    @Test
    @Order(3)
    void theBrokerRestartedUnderLoadLeavesNoRequestUnanswered() throws Exception {
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
        public Hash blockHash(BlockHeader pinned, long number) {
            waitIfFrozen();
            return state.blockHash(pinned, number);
        }

        @Override
        public ChainDescription chain() {
            return state.chain();
        }
    }

    private static HttpResponse<String> simulate() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/simulate")).timeout(HUNG)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TRANSFER.formatted(SlowReads.DEV))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
