package io.evmsim.worker.simulation;

import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.transaction.EvmTransaction;
import io.evmsim.evm.transaction.TransactionProcessor;
import io.evmsim.evm.transaction.TransactionResult;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.statecache.client.StateCacheException;
import io.evmsim.worker.state.CodeStore;
import io.evmsim.worker.state.OverriddenState;
import io.evmsim.worker.state.PrefetchedState;
import java.math.BigInteger;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one simulation: pins the block, then runs the transactions in order on one state. State is
 * read in batches ({@link PrefetchedState}): a run that reads something not yet fetched is thrown
 * away after the transaction that read it, the misses are fetched in one round trip, and the run
 * starts again. A transaction's result is published as soon as a run completes it without a miss;
 * runs are deterministic, so a later run reproduces the transactions already published.
 */
public final class SimulationExecutor {
    private final StateCacheClient client;
    private final CodeStore codes;
    private final CodeCache codeCache;
    private final ForkRules rules;
    private final int maxRounds;
    private final WorkerMetrics timer;
    private final TransactionProcessor processor;

    public SimulationExecutor(StateCacheClient client, CodeStore codes, CodeCache codeCache, ForkRules rules,
            int maxRounds, WorkerMetrics timer) {
        this.client = client;
        this.codes = codes;
        this.codeCache = codeCache;
        this.rules = rules;
        this.maxRounds = maxRounds;
        this.timer = timer;
        this.processor = new TransactionProcessor(rules);
    }

    public void run(SimulationRequest request, ResultSink sink) {
        long started = System.nanoTime();
        long deadline = started + request.deadlineMillis() * 1_000_000;
        long queueMillis = Math.max(0, System.currentTimeMillis() - request.submittedAtMillis());
        timer.record("queue", queueMillis * 1_000_000);
        BlockHeader header;
        try {
            header = timed("state_fetch", () -> client.resolveBlock(request.block()));
        } catch (StateCacheException e) {
            sink.error("block " + request.block() + " could not be resolved: " + e.getMessage(),
                    e.status() == 404 || e.status() == 400 ? "block" : null);
            return;
        }
        boolean feeless = !request.validation()
                && request.transactions().stream().allMatch(TransactionFactory::feeless);
        BlockContext block = BlockContexts.of(header, request.blockOverrides(), rules, client::blockHash, feeless);
        PrefetchedState fetched = new PrefetchedState(client, header, codes);
        expectKnownReads(request, block, fetched);
        OverriddenState initial = new OverriddenState(fetched, request.stateOverrides());
        DeadlineTracer deadlineTracer = new DeadlineTracer(deadline);
        int published = 0;
        long executionNanos = 0;
        long fetchNanos = 0;
        String outcome = "success";
        long totalGas = 0;
        UInt256 coinbaseBefore = null;
        UInt256 coinbaseAfter = null;
        try {
            for (int round = 0; ; round++) {
                if (fetched.hasMisses()) {
                    if (round > maxRounds) {
                        sink.error("the state read set did not settle after " + maxRounds + " batches", null);
                        return;
                    }
                    deadlineTracer.check();
                    long t = System.nanoTime();
                    fetched.fetchMisses();
                    fetchNanos += System.nanoTime() - t;
                }
                long t = System.nanoTime();
                JournaledState state = new JournaledState(initial, codeCache);
                StateDiff diffs = new StateDiff(initial);
                outcome = "success";
                totalGas = 0;
                coinbaseBefore = null;
                boolean complete = true;
                for (int i = 0; i < request.transactions().size(); i++) {
                    CallRequest call = request.transactions().get(i);
                    if (coinbaseBefore == null) {
                        coinbaseBefore = state.account(block.coinbase()).balance();
                    }
                    EvmTransaction tx = TransactionFactory.build(call, state, block, rules, request.validation(),
                            request.gasCap());
                    TransactionResult result = processor.execute(state, block, tx, deadlineTracer);
                    if (fetched.hasMisses()) {
                        complete = false;
                        break;
                    }
                    ObjectNode stateDiff = result.isValid() ? diffs.next(state) : null;
                    totalGas += result.gasUsed();
                    if (i >= published) {
                        timer.gasUsed(result.gasUsed());
                    }
                    String txOutcome = TransactionDocument.outcome(result);
                    if (i >= published) {
                        sink.transaction(i, txOutcome, TransactionDocument.of(i, tx, result, stateDiff).toString());
                        published++;
                    }
                    if (!result.isSuccess() && outcome.equals("success")) {
                        outcome = txOutcome;
                    }
                    if (!result.isSuccess() && request.stopOnRevert()) {
                        break;
                    }
                }
                coinbaseAfter = state.account(block.coinbase()).balance();
                executionNanos += System.nanoTime() - t;
                if (complete && !fetched.hasMisses()) {
                    break;
                }
            }
        } catch (DeadlineTracer.DeadlineExceededException e) {
            sink.error("deadline of " + request.deadlineMillis() + " ms exceeded after " + published
                    + " transaction(s)", null);
            return;
        } catch (StateCacheException e) {
            sink.error("state unavailable: " + e.getMessage(), null);
            return;
        }
        timer.record("state_fetch", fetchNanos);
        timer.record("execution", executionNanos);
        sink.summary(outcome, summary(request, header, block, outcome, published, totalGas, coinbaseBefore,
                coinbaseAfter, queueMillis, fetchNanos, executionNanos, fetched.rounds()).toString());
    }

    /** The sender, recipient, coinbase and access-list entries of every call are read for certain. */
    private static void expectKnownReads(SimulationRequest request, BlockContext block, PrefetchedState fetched) {
        fetched.expect(block.coinbase(), Set.of());
        for (CallRequest call : request.transactions()) {
            fetched.expect(call.from(), Set.of());
            if (call.to() != null) {
                fetched.expect(call.to(), Set.of());
            }
            for (var entry : call.accessList()) {
                Set<UInt256> keys = new java.util.HashSet<>();
                entry.storageKeys().forEach(key -> keys.add(UInt256.fromBytes(key.toArray())));
                fetched.expect(entry.address(), keys);
            }
        }
    }

    private ObjectNode summary(SimulationRequest request, BlockHeader header, BlockContext block, String outcome,
            int transactions, long totalGas, UInt256 coinbaseBefore, UInt256 coinbaseAfter, long queueMillis,
            long fetchNanos, long executionNanos, int fetchRounds) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("status", outcome);
        doc.put("transactions", transactions);
        doc.put("totalGasUsed", totalGas);
        BigInteger gain = coinbaseAfter.toBigInteger().subtract(coinbaseBefore.toBigInteger());
        doc.put("coinbaseDiff", gain.toString());
        doc.put("effectiveGasPrice", totalGas == 0 ? "0" : gain.divide(BigInteger.valueOf(totalGas)).toString());
        ObjectNode blockNode = doc.putObject("block");
        blockNode.put("number", block.number());
        blockNode.put("hash", header.hash().toString());
        blockNode.put("timestamp", block.timestamp());
        blockNode.put("baseFee", block.baseFee().toString());
        blockNode.put("coinbase", block.coinbase().toString());
        blockNode.put("chainId", block.chainId());
        doc.put("fork", rules.fork().displayName());
        ObjectNode timings = doc.putObject("timings");
        timings.put("queueMs", queueMillis);
        timings.put("stateFetchMs", fetchNanos / 1e6);
        timings.put("executionMs", executionNanos / 1e6);
        timings.put("stateFetchRounds", fetchRounds);
        return doc;
    }

    private <T> T timed(String stage, Supplier<T> work) {
        long t = System.nanoTime();
        try {
            return work.get();
        } finally {
            timer.record(stage, System.nanoTime() - t);
        }
    }

    /** The worker's meters: {@code evmsim.stage.duration} {stage} and {@code evmsim.gas.used}. */
    public interface WorkerMetrics {
        void record(String stage, long nanos);

        void gasUsed(long gas);
    }
}
