package io.evmsim.worker.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.simulation.SimulationError;
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
import org.junit.jupiter.api.Test;

/** A state read slower than what is left of the simulation's deadline ends it with the deadline's error, in time. */
class SimulationExecutorDeadlineTest {
    private static final BlockHeader BLOCK = new BlockHeader(1, Hash.fromHex("0x" + "11".repeat(32)), Hash.ZERO,
            Hash.ZERO, 1_700_000_000L, UInt256.ONE, 30_000_000L, Address.ZERO, Hash.ZERO, 0, 1);

    /**
     * Answers the block at once; reads state over HTTP from a server that accepts connections and
     * never answers, with a client timeout (10 s) far beyond the simulation's deadline.
     */
    private static final class SlowState implements StateCacheClient {
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
        public Hash blockHash(long number) {
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
            runAgainst(new SlowState(URI.create("http://127.0.0.1:" + silentServer.getLocalPort() + "/")));
        }
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

    private static void runAgainst(SlowState client) {
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
        CallRequest call = new CallRequest(null, Address.fromLong(1), Address.fromLong(2), null, null, null, null, null,
                null, null, null, null, null, null);
        SimulationRequest request = new SimulationRequest("s1", "r1", SimulationKind.SINGLE, "latest", List.of(call),
                Map.of(), null, false, false, 50_000_000L, 200, System.currentTimeMillis());
        List<String> errors = new ArrayList<>();
        long started = System.nanoTime();
        executor.run(request, new ResultSink() {
            @Override
            public void transaction(int index, String outcome, String json) {
                throw new AssertionError("no transaction can finish without its state");
            }

            @Override
            public void summary(String outcome, String json) {
                throw new AssertionError("no summary without state");
            }

            @Override
            public void error(SimulationError code, String message, String field) {
                errors.add(message);
            }
        });
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(List.of("deadline of 200 ms exceeded after 0 transaction(s) while fetching state"), errors);
        assertTrue(elapsedMillis < 5_000, "ended after " + elapsedMillis + " ms");
    }
}
