package io.evmsim.worker.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.chain.ChainFork;
import io.evmsim.evm.chain.ChainSchedule;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.ChainDescription;
import io.evmsim.statecache.client.HttpStateCacheClient;
import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.worker.LoopingState;
import io.evmsim.worker.chain.ChainRules;
import io.evmsim.worker.state.CodeStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A simulation's deadline counts from acceptance: a state read slower than what is left of it ends the
 * simulation with the deadline's error, in time; a request received after it is not run; a
 * cancellation stops a run or keeps a queued request from running.
 */
class SimulationExecutorDeadlineTest {
    private static final BlockHeader BLOCK = new BlockHeader(1, Hash.fromHex("0x" + "11".repeat(32)), Hash.ZERO,
            Hash.ZERO, 1_700_000_000L, UInt256.ONE, 30_000_000L, Address.ZERO, Hash.ZERO, 0, 1);

    /**
     * Answers the block at once; reads state over HTTP from a server that accepts connections and
     * never answers, with a client timeout (10 s) far beyond the simulation's deadline.
     */
    private static class SlowState implements StateCacheClient {
        private final HttpStateCacheClient silent;

        SlowState(URI silentServer) {
            this.silent = new HttpStateCacheClient(silentServer, Duration.ofSeconds(10));
        }

        @Override
        public BlockHeader resolveBlock(String blockId) {
            return BLOCK;
        }

        @Override
        public List<AccountData> read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount) {
            return silent.read(block, slotsByAccount);
        }

        @Override
        public Map<Hash, byte[]> code(Set<Hash> codeHashes) {
            return Map.of();
        }

        @Override
        public Hash blockHash(BlockHeader pinned, long number) {
            return Hash.ZERO;
        }

        @Override
        public ChainDescription chain() {
            throw new UnsupportedOperationException("this test gives its chain schedule itself");
        }
    }

    @Test
    void aSlowStateReadEndsAtTheDeadline() throws IOException {
        try (ServerSocket silentServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> holdConnections(silentServer));
            SlowState client = new SlowState(URI.create("http://127.0.0.1:" + silentServer.getLocalPort() + "/"));
            SimulationRequest request = request(Address.fromLong(2), 200, System.currentTimeMillis());
            long started = System.nanoTime();
            List<String> errors = run(client, request, RunBudget.of(request));
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(List.of("DEADLINE_EXCEEDED deadline of 200 ms from acceptance exceeded after 0 transaction(s) "
                    + "while fetching state"), errors);
            assertTrue(elapsedMillis < 5_000, "ended after " + elapsedMillis + " ms");
        }
    }

    /** The deadline counts from acceptance: a request that waited 1 s of its 1.4 s has 0.4 s left, not 1.4 s. */
    @Test
    void theDeadlineCountsFromAcceptance() throws IOException {
        try (ServerSocket silentServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> holdConnections(silentServer));
            SlowState client = new SlowState(URI.create("http://127.0.0.1:" + silentServer.getLocalPort() + "/"));
            SimulationRequest request = request(Address.fromLong(2), 1_400, System.currentTimeMillis() - 1_000);
            long started = System.nanoTime();
            List<String> errors = run(client, request, RunBudget.of(request));
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(1, errors.size());
            assertTrue(errors.getFirst().startsWith("DEADLINE_EXCEEDED"), errors.getFirst());
            assertTrue(elapsedMillis >= 300 && elapsedMillis < 1_200, "ended after " + elapsedMillis + " ms");
        }
    }

    @Test
    void aRequestReceivedAfterItsDeadlineIsNotRun() {
        SimulationRequest request = request(Address.fromLong(2), 200, System.currentTimeMillis() - 5_000);
        StateCacheClient untouchable = new SlowState(URI.create("http://127.0.0.1:1/")) {
            @Override
            public BlockHeader resolveBlock(String blockId) {
                throw new AssertionError("an expired request reads no state");
            }
        };
        List<String> errors = run(untouchable, request, RunBudget.of(request));
        assertEquals(1, errors.size());
        assertTrue(errors.getFirst().startsWith("EXPIRED expired: its deadline of 200 ms from acceptance had passed "),
                errors.getFirst());
    }

    /** A worker whose clock runs behind the gateway's never grants more than the whole budget. */
    @Test
    void aClockBehindTheGatewaysGrantsNoMoreThanTheBudget() {
        SimulationRequest request = request(Address.fromLong(2), 200, System.currentTimeMillis() + 60_000);
        long remainingMillis = RunBudget.of(request).remainingNanos() / 1_000_000;
        assertTrue(remainingMillis <= 200 && remainingMillis > 100, remainingMillis + " ms");
    }

    @Test
    void aRunningSimulationCancelledIsStoppedByTheWatchdog() {
        SimulationRequest request = request(LoopingState.LOOPER, 60_000, System.currentTimeMillis());
        RunBudget budget = RunBudget.of(request);
        AtomicInteger turns = new AtomicInteger();
        List<String> errors = run(new LoopingState(() -> { // cancelled at its first turn
            turns.incrementAndGet();
            budget.cancel();
        }), request, budget);
        assertEquals(List.of("CANCELLED cancelled: its client went away; stopped after 0 transaction(s)"), errors);
        // stopped by the engine's watchdog within its check interval (256 JUMPDESTs and calls, one JUMPDEST a
        // turn), not run to the end of its gas (270,000 turns, then a summary)
        assertTrue(turns.get() <= 256 + 1, turns + " turns");
    }

    @Test
    void aCancelledQueuedRequestIsNotRun() {
        SimulationRequest request = request(LoopingState.LOOPER, 60_000, System.currentTimeMillis());
        RunBudget budget = RunBudget.of(request);
        budget.cancel();
        assertEquals(List.of("CANCELLED cancelled: its client went away before it ran"),
                run(new LoopingState(), request, budget));
    }

    /** Accepts every connection and keeps it open, unanswered, until the server closes. */
    private static void holdConnections(ServerSocket server) {
        List<Socket> held = new ArrayList<>();
        try {
            while (true) {
                held.add(server.accept());
            }
        } catch (IOException closed) {
            held.forEach(socket -> {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the test is over
                }
            });
        }
    }

    private static SimulationRequest request(Address to, long deadlineMillis, long submittedAtMillis) {
        long gas = 10_000_000L;
        CallRequest call = new CallRequest(null, Address.fromLong(1), to, null, null, gas, null, null, null, null,
                null, null, null, null);
        return new SimulationRequest("s1", "r1", SimulationKind.SINGLE, "latest", List.of(call), Map.of(), null, false,
                false, gas, deadlineMillis, submittedAtMillis);
    }

    /** Runs the request; returns its error records as "CODE message". */
    private static List<String> run(StateCacheClient client, SimulationRequest request, RunBudget budget) {
        SimulationExecutor executor = new SimulationExecutor(client, new CodeStore(client, 1 << 20),
                new CodeCache(16), ChainRules.of(ChainSchedule.fromGenesis(1, "test", ChainFork.OSAKA)), 8,
                new SimulationExecutor.WorkerMetrics() {
                    @Override
                    public void record(String stage, long nanos) {
                    }

                    @Override
                    public void gasUsed(long gas) {
                    }
                });
        RecordingSink sink = new RecordingSink();
        executor.run(request, budget, sink);
        assertEquals(List.of(), sink.transactions(), "no transaction finishes here");
        assertEquals(List.of(), sink.summaries(), "no summary here");
        return sink.errors();
    }
}
