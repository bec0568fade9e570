package io.evmsim.worker.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.simulation.AccountOverride;
import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.RpcCall;
import io.evmsim.common.simulation.RpcMethod;
import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationEvent.EventType;
import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.worker.simulation.RunBudget;
import io.evmsim.common.simulation.TraceOptions;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.chain.ChainFork;
import io.evmsim.evm.chain.ChainSchedule;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.ChainDescription;
import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.worker.chain.ChainRules;
import io.evmsim.worker.rpc.RpcExecutor;
import io.evmsim.worker.simulation.SimulationExecutor;
import io.evmsim.worker.state.CodeStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The worst single requests a client can send within the gas cap (50,000,000, the REST default: three
 * transactions of a bundle, since EIP-7825 caps one transaction at 2^24 gas), run
 * through the worker's executors and its result sink (on a mock producer) with the default limits: each
 * ends in a result or in a refusal by size, never in unbounded memory. Prints the peak heap of each
 * (sampled every millisecond above the heap after a full collection, garbage included) and what the
 * thread allocated.
 */
class HeavyRequestsTest {
    private static final long GAS_CAP = 50_000_000L;
    /** EIP-7825's cap on one transaction's gas (Osaka). */
    private static final long TX_GAS = 1L << 24;
    private static final ResultLimits LIMITS = new ResultLimits(16L << 20, 768 << 10);
    private static final Address SENDER = Address.fromHex("0x1000000000000000000000000000000000000001");
    private static final Address PROGRAM = Address.fromHex("0x2000000000000000000000000000000000000002");
    private static final BlockHeader BLOCK = new BlockHeader(1, Hash.fromHex("0x" + "11".repeat(32)), Hash.ZERO,
            Hash.ZERO, 1_700_000_000L, UInt256.ZERO, 60_000_000L, Address.ZERO, Hash.ZERO, 0, 1);

    /** Every account exists empty: the programs come in as state overrides. */
    private static final StateCacheClient EMPTY_CHAIN = new StateCacheClient() {
        @Override
        public BlockHeader resolveBlock(String blockId) {
            return BLOCK;
        }

        @Override
        public List<AccountData> read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount) {
            List<AccountData> accounts = new ArrayList<>();
            slotsByAccount.forEach((address, slots) -> {
                Map<UInt256, UInt256> zeros = new java.util.HashMap<>();
                slots.forEach(slot -> zeros.put(slot, UInt256.ZERO));
                accounts.add(new AccountData(address, false, 0, UInt256.ZERO, Hash.EMPTY_CODE, Hash.EMPTY_TRIE, zeros));
            });
            return accounts;
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
    };

    private final MockResults results = new MockResults();
    private final SimulationExecutor executor = new SimulationExecutor(EMPTY_CHAIN,
            new CodeStore(EMPTY_CHAIN, 1 << 20), new CodeCache(16), ChainRules.of(ChainSchedule.fromGenesis(1, "test", ChainFork.OSAKA)), 8,
            MockResults.NO_METRICS);
    private final RpcExecutor rpc = new RpcExecutor(EMPTY_CHAIN, new CodeStore(EMPTY_CHAIN, 1 << 20),
            new CodeCache(16), ChainRules.of(ChainSchedule.fromGenesis(1, "test", ChainFork.OSAKA)), 8, 250_000, 16L << 20);

    /** PUSH3 n, then a loop of {@code body} run n times (the counter stays below the body's stack). */
    private static String loop(int times, String body) {
        int jumpdest = 4;
        return "62" + "%06x".formatted(times) + "5b" + body + "600190038060" + "%02x".formatted(jumpdest) + "5700";
    }

    /** PUSH3 n PUSH1 0 RETURN (or REVERT): n bytes of zeros. */
    private static String end(int bytes, String op) {
        return "62" + "%06x".formatted(bytes) + "6000" + op;
    }

    private static final String RECURSE = "600060006000600060003056f100".replace("3056", "305a"); // CALL itself with all gas
    private static final String LOG0 = "60006000a0";
    private static final String CALL_IDENTITY = "600060006000600060006004" + "5af150"; // CALL 0x04, POP the flag
    private static final String TIGHT_LOOP = "5b600056";
    /** MSTORE at 1 MB - 32 (memory of 1 MB), then a tight loop. */
    private static final String LOOP_IN_1MB = "6001620fffe0525b600756";

    private SimulationRequest request(String code, RpcCall rpcCall) {
        return request(code, 1, rpcCall);
    }

    /** {@code transactions} calls of the program, each with all the gas a transaction may have. */
    private SimulationRequest request(String code, int transactions, RpcCall rpcCall) {
        CallRequest call = new CallRequest(null, SENDER, PROGRAM, null, null, TX_GAS, null, null, null, null, null,
                null, null, null);
        return new SimulationRequest(java.util.UUID.randomUUID().toString(), "replica",
                transactions == 1 ? SimulationKind.SINGLE : SimulationKind.BUNDLE, "latest",
                java.util.Collections.nCopies(transactions, call), Map.of(PROGRAM, new AccountOverride(null, null, Hex.decode("0x" + code), null,
                        null)), null, false, false, GAS_CAP, 60_000, System.currentTimeMillis(), rpcCall);
    }

    private static RpcCall trace(TraceOptions options) {
        return new RpcCall(RpcMethod.DEBUG_TRACE_CALL, List.of(), false, false, options, List.of());
    }

    private static TraceOptions opcodeLogger(boolean memory) {
        return new TraceOptions(null, false, false, false, false, false, memory, false, 0);
    }

    /** The one final event of a request run on an engine thread (64 MB of stack, as the worker's). */
    private SimulationEvent run(String name, SimulationRequest request, Consumer<SimulationEvent> check) throws Exception {
        results.producer.clear();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long[] allocated = new long[1];
        long[] millis = new long[1];
        Thread engine = new Thread(null, () -> {
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            long started = System.nanoTime();
            KafkaResultSink sink = results.sink(request.id(), LIMITS);
            if (request.rpc() != null) {
                rpc.run(request, RunBudget.of(request), sink);
            } else {
                executor.run(request, RunBudget.of(request), sink);
            }
            millis[0] = (System.nanoTime() - started) / 1_000_000;
            allocated[0] = threads.getCurrentThreadAllocatedBytes() - before;
        }, "engine-test", 64L << 20);
        engine.start();
        engine.join();
        running.set(false);
        sampler.join();
        List<SimulationEvent> events = results.events();
        SimulationEvent last = events.getLast();
        long resultBytes = events.stream().mapToLong(e -> e.payload().length()).sum();
        System.out.printf("heavy request %-48s %-8s %,12d bytes of JSON  peak heap +%,5d MB  allocated %,6d MB  %,6d ms%n",
                name, last.type() == EventType.ERROR ? errorCode(last) : last.outcome(), resultBytes,
                (peak.get() - baseline) >> 20, allocated[0] >> 20, millis[0]);
        check.accept(last);
        results.producer.clear();
        return last;
    }

    private static String errorCode(SimulationEvent error) {
        return SimulationJson.mapper().readTree(error.payload()).path("code").asString();
    }

    private static String errorText(SimulationEvent error) {
        JsonNode payload = SimulationJson.mapper().readTree(error.payload());
        return payload.has("error") && payload.get("error").isObject() ? payload.get("error").toString()
                : payload.path("error").asString();
    }

    private static Consumer<SimulationEvent> outcome(String expected) {
        return event -> assertEquals(expected, event.type() == EventType.ERROR ? errorCode(event) : event.outcome(),
                event.payload().length() > 300 ? event.payload().substring(0, 300) : event.payload());
    }

    @Test
    void returnDataOf300KbIsAResultOfMoreThanOneRecord() throws Exception {
        SimulationEvent result = run("RETURN 300 KB", request(end(300_000, "f3"), null), outcome("success"));
        assertTrue(result.payload().length() > 1_200_000, "returned twice as hex: returnData and the call tree");
    }

    @Test
    void returnDataOf2_5MbIsAResult() throws Exception {
        run("RETURN 2.5 MB (a transaction's gas)", request(end(5 << 19, "f3"), null), outcome("success"));
    }

    @Test
    void aBundleJustUnderTheLimitIsAResult() throws Exception {
        run("bundle: 3 x RETURN 1.25 MB (15 MB of JSON)", request(end(5 << 18, "f3"), 3, null), outcome("success"));
    }

    @Test
    void threeReturnsOf2_5MbAreRefusedBySize() throws Exception {
        SimulationEvent error = run("bundle: 3 x RETURN 2.5 MB (gas cap)", request(end(5 << 19, "f3"), 3, null),
                outcome("RESULT_TOO_LARGE"));
        assertTrue(errorText(error).contains("over the result-size limit of 16777216 bytes"), errorText(error));
    }

    @Test
    void aRevertOf1MbIsAResult() throws Exception {
        run("REVERT 1 MB", request(end(1 << 20, "fd"), null), outcome("reverted"));
    }

    @Test
    void fortyThousandLog0sAreAResult() throws Exception {
        run("40,000 LOG0", request(loop(40_000, LOG0), null), outcome("success"));
    }

    @Test
    void asManyLog0sAsTheGasCapPaysForAreAResult() throws Exception {
        run("bundle: 3 x 40,000 LOG0 (gas cap)", request(loop(40_000, LOG0), 3, null), outcome("success"));
    }

    @Test
    void recursionAsDeepAsTheGasCapAllowsSerializes() throws Exception {
        SimulationEvent result = run("CALL recursion (gas cap)", request(RECURSE, null), outcome("success"));
        int depth = 0;
        for (JsonNode frame = SimulationJson.mapper().readTree(result.payload()).get("callTree"); frame != null;
                frame = frame.path("calls").get(0)) {
            depth++;
        }
        // 63/64 of what is left after the call's cost goes down each level (EIP-150): 2^24 gas reaches 491
        // frames, 983 levels of JSON, past Jackson's default limit of 500
        assertTrue(depth > 490, "frames: " + depth);
        System.out.println("heavy request CALL recursion: call tree " + depth + " frames deep");
    }

    @Test
    void asManyCallsAsATransactionPaysForAreRefusedBySize() throws Exception {
        run("100,000 CALLs (a transaction's gas)", request(loop(100_000, CALL_IDENTITY), null),
                outcome("RESULT_TOO_LARGE"));
    }

    @Test
    void asManyCallsAsTheGasCapPaysForAreRefusedBySize() throws Exception {
        run("bundle: 3 x 100,000 CALLs (gas cap)", request(loop(100_000, CALL_IDENTITY), 3, null),
                outcome("RESULT_TOO_LARGE"));
    }

    @Test
    void theOpcodeLoggerOfATightLoopStopsAtItsCeiling() throws Exception {
        SimulationEvent answer = run("debug_traceCall loop", request(TIGHT_LOOP, trace(opcodeLogger(false))),
                outcome("error"));
        assertTrue(errorText(answer).contains("-32003") && errorText(answer).contains("bytes of JSON"),
                errorText(answer));
    }

    @Test
    void theOpcodeLoggerWithMemoryOf1MbStopsAtItsCeiling() throws Exception {
        run("debug_traceCall loop, enableMemory, 1 MB", request(LOOP_IN_1MB, trace(opcodeLogger(true))),
                outcome("error"));
    }

    @Test
    void theOpcodeLoggerWithALimitAnswers() throws Exception {
        TraceOptions limited = new TraceOptions(null, false, false, false, false, false, true, true, 5);
        run("debug_traceCall loop, enableMemory 1 MB, limit 5", request(LOOP_IN_1MB, trace(limited)),
                outcome("success"));
    }

    @Test
    void theCallTracerOfAsManyCallsAsATransactionPaysForIsRefusedBySize() throws Exception {
        TraceOptions callTracer = new TraceOptions(TraceOptions.CALL_TRACER, false, false, false, false, false, false,
                false, 0);
        SimulationEvent answer = run("debug_traceCall callTracer, 100,000 CALLs",
                request(loop(100_000, CALL_IDENTITY), trace(callTracer)), outcome("error"));
        assertTrue(errorText(answer).contains("-32003") && errorText(answer).contains("16777216"), errorText(answer));
    }

    @Test
    void theLeastBytesOfAResultAreAtMostItsJsonAndNotFarBelow() throws Exception {
        String log2 = "6000600060006000a2";
        for (String code : List.of(loop(2_000, CALL_IDENTITY), loop(2_000, log2), end(1024, "f3"), end(1024, "fd"),
                RECURSE)) {
            long[] least = new long[1];
            long[] written = new long[1];
            io.evmsim.worker.simulation.ResultSink counting = new io.evmsim.worker.simulation.ResultSink() {
                @Override
                public void transaction(int index, String outcome, String json) {
                    written[0] += json.length();
                }

                @Override
                public boolean admits(long leastBytes) {
                    least[0] += leastBytes;
                    return true;
                }

                @Override
                public void summary(String outcome, String json) {
                }

                @Override
                public void error(io.evmsim.common.simulation.SimulationError code, String message, String field) {
                    throw new AssertionError(message);
                }
            };
            Thread engine = new Thread(null, () -> {
                SimulationRequest heavy = request(code, 2, null);
                executor.run(heavy, RunBudget.of(heavy), counting);
            }, "engine-test",
                    64L << 20);
            engine.start();
            engine.join();
            // revert data is written three times (returnData, the call tree, a custom error's arguments)
            assertTrue(least[0] <= written[0] && least[0] > written[0] / 3,
                    code + ": at least " + least[0] + ", written " + written[0]);
        }
    }
}
