package io.evmsim.worker.simulation;

import io.evmsim.common.abi.Abis;
import io.evmsim.common.bytes.Hex;
import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.ResultPart;
import io.evmsim.common.simulation.SimulationError;
import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.block.BlockHashes;
import io.evmsim.evm.chain.BlockRules;
import io.evmsim.evm.chain.UnsupportedForkException;
import io.evmsim.evm.fork.BlobSchedule;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.simulation.BlockOverrides;
import io.evmsim.evm.simulation.BlockSimulation;
import io.evmsim.evm.simulation.SimulationOptions;
import io.evmsim.evm.simulation.SimulationStatus;
import io.evmsim.evm.simulation.Simulator;
import io.evmsim.evm.simulation.TransactionSimulation;
import io.evmsim.evm.state.AccountState;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.transaction.EvmTransaction;
import io.evmsim.evm.transaction.Validation;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.CallDeadline;
import io.evmsim.statecache.client.Protocol;
import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.statecache.client.StateCacheException;
import io.evmsim.statecache.client.UpstreamTally;
import io.evmsim.worker.result.LeastJsonBytes;
import io.evmsim.worker.chain.ChainRules;
import io.evmsim.worker.preview.Preview;
import io.evmsim.worker.preview.PreviewProperties;
import io.evmsim.worker.preview.Previewer;
import io.evmsim.worker.preview.RequestAbis;
import io.evmsim.worker.result.BundlePreviewJson;
import io.evmsim.worker.result.ProvenanceJson;
import io.evmsim.worker.result.TransactionDocument;
import io.evmsim.worker.state.CodeStore;
import io.evmsim.worker.state.OverriddenState;
import io.evmsim.worker.state.PrefetchedState;
import io.evmsim.worker.witness.ReadSet;
import io.evmsim.worker.witness.WitnessDocument;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger LOG = LoggerFactory.getLogger(SimulationExecutor.class);
    private final StateCacheClient client;
    private final CodeStore codes;
    private final CodeCache codeCache;
    private final ChainRules chain;
    private final int maxRounds;

    private final WorkerMetrics timer;
    private final Previewer previewer;

    public SimulationExecutor(StateCacheClient client, CodeStore codes, CodeCache codeCache, ChainRules chain,
            int maxRounds, WorkerMetrics timer) {
        this(client, codes, codeCache, chain, maxRounds, timer,
                Previewer.of(new PreviewProperties(10_000, Duration.ofHours(1), List.of())));
    }

    public SimulationExecutor(StateCacheClient client, CodeStore codes, CodeCache codeCache, ChainRules chain,
            int maxRounds, WorkerMetrics timer, Previewer previewer) {
        this.previewer = previewer;
        this.client = client;
        this.codes = codes;
        this.codeCache = codeCache;
        this.chain = chain;
        this.maxRounds = maxRounds;
        this.timer = timer;
    }

    /** The worker's meters, for the stages recorded outside the executor (publishing). */
    public WorkerMetrics metrics() {
        return timer;
    }

    /**
     * Runs {@code request} within {@code budget}: not at all when its deadline has passed or its client
     * cancelled it, and stopped (the engine's watchdog reading the budget's clock) when either happens
     * while it runs.
     */
    public void run(SimulationRequest request, RunBudget budget, ResultSink sink) {
        try (UpstreamTally upstream = UpstreamTally.open()) {
            run(request, budget, sink, upstream);
        }
    }

    private void run(SimulationRequest request, RunBudget budget, ResultSink sink, UpstreamTally upstream) {
        long queueMillis = Math.max(0, System.currentTimeMillis() - request.submittedAtMillis());
        timer.record("queue", queueMillis * 1_000_000);
        if (budget.cancelled() || budget.expired()) {
            sink.error(budget.cancelled() ? SimulationError.CANCELLED : SimulationError.EXPIRED,
                    budget.notRunMessage(), null);
            return;
        }
        long deadline = budget.deadlineNanos();
        BlockHeader header;
        try {
            // pending: on the latest block's state, in the next block's context (PendingBlock)
            String blockId = PendingBlock.requested(request.block()) ? "latest" : request.block();
            header = timed("state_fetch",
                    () -> withinDeadline(() -> client.resolveBlock(blockId), deadline));
        } catch (DeadlineException e) {
            stopped(sink, request, budget, 0, " while resolving the block");
            return;
        } catch (StateCacheException e) {
            boolean requestAtFault = e.status() == 404 || e.status() == 400;
            sink.error(requestAtFault ? SimulationError.INVALID_REQUEST : SimulationError.STATE_UNAVAILABLE,
                    "block " + request.block() + " could not be resolved: " + e.getMessage(),
                    requestAtFault ? "block" : null);
            return;
        }
        BlockHeader parent = PendingBlock.requested(request.block()) ? header : null;
        BlockHeader context;
        BlockRules blockRules;
        try {
            context = parent != null ? PendingBlock.after(parent, chain, request.blockOverrides()) : header;
            blockRules = BlockContexts.rules(chain, context, request.blockOverrides());
        } catch (UnsupportedForkException e) {
            sink.error(SimulationError.UNSUPPORTED_FORK, e.getMessage(), "block");
            return;
        } catch (StateCacheException e) {
            sink.error(SimulationError.STATE_UNAVAILABLE, "the chain's fork schedule is unavailable: "
                    + e.getMessage(), null);
            return;
        }
        ForkRules rules = blockRules.rules();
        boolean feeless = !request.validation()
                && request.transactions().stream().allMatch(TransactionFactory::feeless);
        PrefetchedState fetched = new PrefetchedState(client, header, codes);
        // the witness proves what was read of the chain: overridden state never reaches the read set
        ReadSet reads = request.includes(ResultPart.WITNESS) ? new ReadSet(fetched) : null;
        BlockHashes hashes = BlockContexts.hashes(client, header);
        BlockContext block = BlockContexts.of(context, request.blockOverrides(), rules,
                reads == null ? hashes : reads.recording(hashes), feeless);
        expectKnownReads(request, block, fetched);
        fetched.hint(hints(request, block.chainId()));
        OverriddenState initial = new OverriddenState(reads == null ? fetched : reads, request.stateOverrides());
        List<ObjectNode> witnessed = new ArrayList<>();
        SimulationOptions options = options(request);
        int published = 0;
        // one transaction: its result is the final record, with the block, fork and timings beside it
        boolean single = request.kind() == SimulationKind.SINGLE;
        ObjectNode singleResult = null;
        long executionNanos = 0;
        long fetchNanos = 0;
        long previewNanos = 0;
        List<Preview> previews = new ArrayList<>();
        Abis abis = RequestAbis.of(request.abis());
        Round round = null;
        try {
            for (int rounds = 0; ; rounds++) {
                if (fetched.hasMisses()) {
                    if (rounds > maxRounds) {
                        sink.error(SimulationError.STATE_UNAVAILABLE, "the state read set did not settle after " + maxRounds + " batches", null);
                        return;
                    }
                    if (System.nanoTime() - deadline > 0 || budget.cancelled()) {
                        stopped(sink, request, budget, published, "");
                        return;
                    }
                    long t = System.nanoTime();
                    if (LOG.isDebugEnabled()) {
                        LOG.debug("simulation {} fetch round {}: {}", request.id(), fetched.rounds() + 1, fetched.misses());
                    }
                    try {
                        withinDeadline(() -> {
                            fetched.fetchMisses();
                            return null;
                        }, deadline);
                    } catch (DeadlineException e) {
                        stopped(sink, request, budget, published, " while fetching state");
                        return;
                    }
                    fetchNanos += System.nanoTime() - t;
                }
                // checked before each run too: a simulator created after the cancellation would start its
                // watchdog from the cancelled clock's reading, and so wait out the real deadline
                if (budget.cancelled()) {
                    stopped(sink, request, budget, published, "");
                    return;
                }
                long t = System.nanoTime();
                fetched.beginRun();
                round = new Round(new Simulator(initial, codeCache, rules,
                        options.withTimeLimit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))),
                        budget.clock()));
                if (parent != null) {
                    PendingBlock.beginBlock(round.simulator.state(), block, rules, rules.precompiles(), parent);
                }
                for (int i = 0; i < request.transactions().size() && round.complete; i++) {
                    EvmTransaction tx = TransactionFactory.build(request.transactions().get(i),
                            round.simulator.state(), block, rules, request.validation(), request.gasCap());
                    TransactionSimulation one = round.run(block, tx);
                    if (fetched.hasMisses()) {
                        round.complete = false;
                    } else if (one.status() == SimulationStatus.TIME_LIMIT_EXCEEDED) {
                        stopped(sink, request, budget, published, "");
                        return;
                    } else {
                        if (i >= published) {
                            long p = System.nanoTime();
                            // metadata is worth another round of state reads only while half the budget is left
                            boolean offline = deadline - System.nanoTime() < request.deadlineMillis() * 500_000L;
                            Preview preview = request.includes(ResultPart.PREVIEW)
                                    ? preview(one, round, block, rules, fetched, request, abis, offline) : null;
                            previewNanos += System.nanoTime() - p;
                            if (fetched.hasMisses()) {
                                round.complete = false; // the preview read state not fetched yet
                                continue;
                            }
                            if (preview != null) {
                                previews.add(preview);
                            }
                            if (one.result() != null && one.result().isValid()) {
                                timer.gasUsed(one.result().gasUsed());
                            }
                            if (!sink.admits(LeastJsonBytes.transaction(one, request.include()))) {
                                return; // ended by size, before its document takes memory
                            }
                            ObjectNode document = round.withCoinbaseFigures(
                                    TransactionDocument.of(i, one, request.include(), preview), one);
                            if (reads != null) {
                                witnessed.add(WitnessDocument.entry(
                                        TransactionDocument.of(i, one, WitnessDocument.RESULT_PARTS, null)));
                            }
                            if (single) {
                                singleResult = document;
                            } else {
                                sink.transaction(i, TransactionDocument.outcome(one), SimulationJson.text(document));
                            }
                            published++;
                        }
                        round.count(one);
                        if (one.status() != SimulationStatus.SUCCESS && request.stopOnRevert()) {
                            break;
                        }
                    }
                }
                executionNanos += System.nanoTime() - t;
                if (round.complete && !fetched.hasMisses()) {
                    break;
                }
            }
        } catch (StateCacheException e) {
            sink.error(SimulationError.STATE_UNAVAILABLE, "state unavailable: " + e.getMessage(), null);
            return;
        }
        timer.record("state_fetch", fetchNanos);
        timer.record("execution", executionNanos);
        timer.record("preview", previewNanos);
        ObjectNode summary = summary(context, block, blockRules, round, queueMillis, fetchNanos, executionNanos,
                fetched.rounds(), upstream);
        ((ObjectNode) summary.get("timings")).put("previewMs", previewNanos / 1e6);
        summary.set("provenance", ProvenanceJson.of(fetched.unprovenReads(), request.stateOverrides(),
                request.blockOverrides()));
        if (reads != null) {
            long w = System.nanoTime();
            summary.set("witness", witness(request, header, summary, reads, witnessed, deadline));
            timer.record("witness", System.nanoTime() - w);
            ((ObjectNode) summary.get("timings")).put("witnessMs", (System.nanoTime() - w) / 1e6);
        }
        if (singleResult == null && request.includes(ResultPart.PREVIEW)) {
            BundlePreviewJson.write(summary, previews);
        }
        if (singleResult != null) {
            singleResult.set("block", summary.get("block"));
            singleResult.set("fork", summary.get("fork"));
            singleResult.set("blobSchedule", summary.get("blobSchedule"));
            singleResult.set("timings", summary.get("timings"));
            singleResult.set("provenance", summary.get("provenance"));
            if (reads != null) {
                singleResult.set("witness", summary.get("witness"));
            }
            summary = singleResult;
        }
        sink.summary(round.outcome, SimulationJson.text(summary));
    }

    /**
     * The transaction's preview on the state it left. A token's metadata may be cached when its code is
     * the chain's own at the block: not overridden, not deployed or replaced by the simulation.
     */
    private Preview preview(TransactionSimulation one, Round round, BlockContext block, ForkRules rules,
            PrefetchedState fetched, SimulationRequest request, Abis abis, boolean offline) {
        JournaledState state = round.simulator.state();
        return previewer.of(one, state, codeCache, rules, block, () -> !fetched.hasMisses(), token -> {
            if (request.stateOverrides().containsKey(token)) {
                return false;
            }
            AccountState atBlock = fetched.account(token);
            return atBlock != null && atBlock.codeHash().equals(state.account(token).code().hash());
        }, abis, offline);
    }

    /**
     * The witness of what the run read at the pinned block ({@link WitnessDocument}); when the state cache cannot
     * give its parts, an object naming why, so a witness asked for is never silently missing.
     */
    private ObjectNode witness(SimulationRequest request, BlockHeader pinned, ObjectNode summary, ReadSet reads,
            List<ObjectNode> transactions, long deadline) {
        try {
            Protocol.WitnessResponse parts = withinDeadline(() -> client.witness(pinned, reads.slots(),
                    reads.codeHashes(), reads.blockNumbers()), deadline);
            return WitnessDocument.of(parts, pinned, client.chain(), summary.get("fork"), summary.get("blobSchedule"),
                    request, transactions);
        } catch (StateCacheException | DeadlineException e) {
            ObjectNode failed = JsonNodeFactory.instance.objectNode();
            failed.put("error", e instanceof DeadlineException ? "the deadline passed before the witness was built"
                    : "the state cache could not build the witness: " + e.getMessage());
            return failed;
        }
    }

    /**
     * A state-cache call bounded by the simulation's deadline: each request it makes times out by then
     * ({@link CallDeadline}); a read served from the worker's memory runs on this thread at no cost.
     */
    private static <T> T withinDeadline(Supplier<T> call, long deadlineNanos) {
        try {
            return CallDeadline.within(deadlineNanos, call);
        } catch (StateCacheException e) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                throw new DeadlineException();
            }
            throw e;
        }
    }

    private static final class DeadlineException extends RuntimeException {
        DeadlineException() {
            super(null, null, false, false);
        }
    }

    private static SimulationOptions options(SimulationRequest request) {
        // the worker stops at the first failure itself, after publishing it; the deadline is set per run;
        // only the tracers the asked parts need
        return TransactionDocument.tracing(new SimulationOptions(
                request.validation() ? Validation.ENFORCED : Validation.SKIPPED, false, request.gasCap(), null, null,
                false), tracedParts(request));
    }

    /** The parts asked for, and those a witness keeps of the result. */
    private static Set<ResultPart> tracedParts(SimulationRequest request) {
        if (!request.includes(ResultPart.WITNESS)) {
            return request.include();
        }
        Set<ResultPart> parts = java.util.EnumSet.copyOf(WitnessDocument.RESULT_PARTS);
        parts.addAll(request.include());
        return parts;
    }

    /** The run stopped before its end: its client cancelled it, or its deadline passed. */
    private static void stopped(ResultSink sink, SimulationRequest request, RunBudget budget, int published,
            String where) {
        if (budget.cancelled()) {
            sink.error(SimulationError.CANCELLED, "cancelled: its client went away; stopped after " + published
                    + " transaction(s)" + where, null);
        } else {
            sink.error(SimulationError.DEADLINE_EXCEEDED, "deadline of " + request.deadlineMillis()
                    + " ms from acceptance exceeded after " + published + " transaction(s)" + where, null);
        }
    }

    /**
     * One run of the transactions on a fresh simulator over the state fetched so far. Each
     * transaction is its own {@code runBlock} in the same block context, so the next one is built
     * (its nonce read) from the state the earlier ones left.
     */
    private static final class Round {
        final Simulator simulator;
        boolean complete = true;
        int transactions;
        long totalGas;
        BigInteger coinbaseGain = BigInteger.ZERO;
        BigInteger priorityFees = BigInteger.ZERO;
        /** What the coinbase gained from the transaction run last. */
        BigInteger lastCoinbaseGain = BigInteger.ZERO;
        String outcome = "success";

        Round(Simulator simulator) {
            this.simulator = simulator;
        }

        TransactionSimulation run(BlockContext block, EvmTransaction tx) {
            BlockSimulation result = simulator.runBlock(block, BlockOverrides.NONE, Map.of(), List.of(tx), t -> { });
            lastCoinbaseGain = result.coinbaseGain();
            coinbaseGain = coinbaseGain.add(result.coinbaseGain());
            priorityFees = priorityFees.add(result.priorityFees());
            return result.transactions().getFirst();
        }

        /**
         * Flashbots' figures of the transaction run last: {@code coinbaseDiff} = {@code gasFees} (priority
         * fees) + {@code ethSentToCoinbase} (direct payments), in wei as decimal strings.
         */
        ObjectNode withCoinbaseFigures(ObjectNode document, TransactionSimulation one) {
            if (one.result() != null && one.result().isValid()) {
                BigInteger fees = one.priorityFee().toBigInteger();
                document.put("coinbaseDiff", lastCoinbaseGain.toString());
                document.put("gasFees", fees.toString());
                document.put("ethSentToCoinbase", lastCoinbaseGain.subtract(fees).toString());
            }
            return document;
        }

        void count(TransactionSimulation one) {
            transactions++;
            if (one.result() != null && one.result().isValid()) {
                totalGas += one.result().gasUsed();
            }
            if (one.status() != SimulationStatus.SUCCESS && outcome.equals("success")) {
                outcome = TransactionDocument.outcome(one);
            }
        }
    }

    /**
     * What the first state read asks the upstream to foresee: every call of the request, then, when the preview
     * is asked for, its reads of the metadata of each callee that is sent calldata (most often the token the
     * call moves) and whose metadata is not held; at most {@link Protocol#MAX_HINTS}.
     */
    private List<Protocol.CallHint> hints(SimulationRequest request, long chainId) {
        List<Protocol.CallHint> hints = new ArrayList<>(PrefetchedState.hintsOf(request.transactions()));
        if (request.includes(ResultPart.PREVIEW)) {
            request.transactions().stream().filter(call -> call.to() != null && call.data().length > 0)
                    .map(CallRequest::to).distinct()
                    .forEach(to -> previewer.metadataReads(chainId, to).forEach(data ->
                            hints.add(new Protocol.CallHint(Address.ZERO, to, Hex.encode(data), null))));
        }
        return hints;
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

    private static ObjectNode summary(BlockHeader header, BlockContext block, BlockRules rules, Round round,
            long queueMillis, long fetchNanos, long executionNanos, int fetchRounds, UpstreamTally upstream) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("status", round.outcome);
        doc.put("transactions", round.transactions);
        doc.put("totalGasUsed", round.totalGas);
        doc.put("coinbaseDiff", round.coinbaseGain.toString());
        doc.put("gasFees", round.priorityFees.toString());
        doc.put("ethSentToCoinbase", round.coinbaseGain.subtract(round.priorityFees).toString());
        doc.put("effectiveGasPrice", round.totalGas == 0 ? "0"
                : round.coinbaseGain.divide(BigInteger.valueOf(round.totalGas)).toString());
        ObjectNode blockNode = doc.putObject("block");
        blockNode.put("number", block.number());
        if (header.hash().equals(Hash.ZERO)) {
            blockNode.putNull("hash"); // the pending block: not built yet
        } else {
            blockNode.put("hash", header.hash().toString());
        }
        blockNode.put("parentHash", header.parentHash().toString());
        blockNode.put("timestamp", block.timestamp());
        blockNode.put("baseFee", block.baseFee().toString());
        blockNode.put("coinbase", block.coinbase().toString());
        blockNode.put("chainId", block.chainId());
        blockNode.put("blobBaseFee", block.blobBaseFee().toString());
        doc.put("fork", rules.fork().displayName());
        // the blob parameters used, and the fork that set them: the named fork's, or a later BPO fork's (EIP-7892)
        BlobSchedule blobs = rules.blobSchedule();
        ObjectNode blobNode = doc.putObject("blobSchedule");
        blobNode.put("fork", rules.blobFork().displayName());
        blobNode.put("target", blobs.target());
        blobNode.put("max", blobs.max());
        blobNode.put("baseFeeUpdateFraction", blobs.baseFeeUpdateFraction());
        ObjectNode timings = doc.putObject("timings");
        timings.put("queueMs", queueMillis);
        timings.put("stateFetchMs", fetchNanos / 1e6);
        timings.put("executionMs", executionNanos / 1e6);
        timings.put("stateFetchRounds", fetchRounds);
        // what the state cache's upstream node was asked on this simulation's behalf (HTTP requests, each a batch)
        timings.put("upstreamRequests", upstream.requests());
        timings.put("upstreamMs", Math.round(upstream.millis() * 100) / 100.0);
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
