package io.evmsim.api.rpc;

import io.evmsim.api.request.InvalidRequestException;
import io.evmsim.api.request.JsonFields;
import io.evmsim.api.request.SimulationRequestReader;
import io.evmsim.api.request.TransactionReader;
import io.evmsim.api.simulation.SimulationLimits;
import io.evmsim.api.simulation.SimulationService.RequestFactory;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.simulation.AccountOverride;
import io.evmsim.common.simulation.BlockOverrides;
import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.RpcCall;
import io.evmsim.common.simulation.RpcMethod;
import io.evmsim.common.simulation.SimulatedBlock;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.simulation.TraceOptions;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads the parameters of the methods that run on the workers, completely, into the pipeline's
 * request record: anything malformed is refused here with the parameter's path, so a worker only
 * sees requests it can run.
 */
final class EngineRequests {
    /** geth's TransactionArgs: the REST call fields without {@code raw}, plus {@code chainId}. */
    private static final Set<String> CALL_FIELDS = callFields();
    private static final Set<String> BLOCK_OVERRIDE_FIELDS = Set.of("number", "time", "gasLimit", "feeRecipient",
            "prevRandao", "baseFeePerGas", "blobBaseFee", "withdrawals", "beaconRoot", "difficulty");
    private static final Set<String> SIMULATE_FIELDS = Set.of("blockStateCalls", "traceTransfers", "validation",
            "returnFullTransactions");
    private static final Set<String> BLOCK_STATE_CALL_FIELDS = Set.of("blockOverrides", "stateOverrides", "calls");
    private static final Set<String> TRACE_FIELDS = Set.of("tracer", "tracerConfig", "stateOverrides",
            "blockOverrides", "disableStorage", "disableStack", "enableMemory", "enableReturnData", "limit");
    private static final Set<String> TRACER_CONFIG_FIELDS = Set.of("onlyTopCall", "withLog", "diffMode");
    private static final Set<String> TRACE_MANY_BUNDLE_FIELDS = Set.of("transactions", "blockOverride");
    private static final Set<String> STATE_CONTEXT_FIELDS = Set.of("blockNumber", "transactionIndex");
    private static final Set<String> BUNDLE_FIELDS = Set.of("txs", "blockNumber", "stateBlockNumber", "timestamp",
            "coinbase", "gasLimit", "baseFee");
    private static final int MAX_CALLS = 1_000;
    private static final JsonNode EMPTY = JsonNodeFactory.instance.objectNode();

    private final SimulationLimits limits;
    private final int maxBlocks;

    EngineRequests(SimulationLimits limits, int maxBlocks) {
        this.limits = limits;
        this.maxBlocks = maxBlocks;
    }

    /** A validated request, waiting for its id. */
    record Prepared(SimulationKind kind, RequestFactory factory) {
    }

    /**
     * eth_call, eth_estimateGas, eth_createAccessList, debug_executionWitness:
     * {@code [call, block?, stateOverrides?, blockOverrides?]}.
     */
    Prepared call(RpcMethod method, JsonNode raw) {
        Params params = Params.of(raw, method == RpcMethod.ETH_CREATE_ACCESS_LIST ? 3 : 4);
        CallRequest call = call(params.require(0), Params.path(0));
        String block = params.block(1);
        Map<Address, AccountOverride> overrides = stateOverrides(params.get(2), Params.path(2));
        BlockOverrides blockOverrides = blockOverrides(params.get(3), Params.path(3));
        return single(block, call, overrides, blockOverrides, RpcCall.of(method));
    }

    /** debug_traceCall: {@code [call, block?, {tracer, tracerConfig, stateOverrides, blockOverrides, ...}?]}. */
    Prepared traceCall(JsonNode raw) {
        Params params = Params.of(raw, 3);
        CallRequest call = call(params.require(0), Params.path(0));
        String block = params.block(1);
        JsonNode configNode = params.get(2);
        JsonFields config = JsonFields.of(configNode == null ? EMPTY : configNode, Params.path(2),
                TRACE_FIELDS);
        RpcCall rpc = new RpcCall(RpcMethod.DEBUG_TRACE_CALL, List.of(), false, false, traceOptions(config),
                List.of());
        return single(block, call, stateOverrides(config.raw("stateOverrides"), config.path("stateOverrides")),
                blockOverrides(config.raw("blockOverrides"), config.path("blockOverrides")), rpc);
    }

    /**
     * debug_traceCallMany (Erigon's and reth's): {@code [[{transactions, blockOverride?}, ...],
     * {blockNumber, transactionIndex?}?, config?]}: the bundles run in order on the state of
     * {@code blockNumber} (default {@code latest}), each after the ones before it, every call traced as
     * debug_traceCall's {@code config} says; the answer holds one array of traces per bundle. Only the
     * state after the whole block is served: a {@code transactionIndex} other than -1 is refused.
     */
    Prepared traceCallMany(JsonNode raw) {
        Params params = Params.of(raw, 3);
        JsonNode bundlesNode = params.require(0);
        if (!bundlesNode.isArray()) {
            throw new InvalidRequestException(Params.path(0), "must be an array of bundles");
        }
        if (bundlesNode.size() > maxBlocks) {
            throw new InvalidRequestException(Params.path(0), "at most " + maxBlocks + " bundles");
        }
        List<SimulatedBlock> bundles = new ArrayList<>();
        int calls = 0;
        for (int i = 0; i < bundlesNode.size(); i++) {
            JsonFields entry = JsonFields.of(bundlesNode.get(i), Params.path(0) + "[" + i + "]",
                    TRACE_MANY_BUNDLE_FIELDS);
            List<CallRequest> bundleCalls = new ArrayList<>();
            List<JsonNode> callNodes = entry.array("transactions", MAX_CALLS);
            for (int c = 0; c < callNodes.size(); c++) {
                bundleCalls.add(call(callNodes.get(c), entry.path("transactions") + "[" + c + "]"));
            }
            calls += bundleCalls.size();
            if (calls > MAX_CALLS) {
                throw new InvalidRequestException(Params.path(0), "at most " + MAX_CALLS + " transactions in all");
            }
            bundles.add(new SimulatedBlock(blockOverrides(entry.raw("blockOverride"), entry.path("blockOverride")),
                    Map.of(), bundleCalls));
        }
        String block = "latest";
        JsonNode contextNode = params.get(1);
        if (contextNode != null && !contextNode.isNull()) {
            JsonFields context = JsonFields.of(contextNode, Params.path(1), STATE_CONTEXT_FIELDS);
            if (context.has("blockNumber")) {
                block = Params.of(JsonNodeFactory.instance.arrayNode().add(context.raw("blockNumber")), 1).block(0);
            }
            JsonNode index = context.raw("transactionIndex");
            if (index != null && !index.isNull() && !(index.isIntegralNumber() && index.longValue() == -1)) {
                throw new InvalidRequestException(context.path("transactionIndex"), "only -1 (the state after the"
                        + " whole block) is served: the state between a block's transactions is not kept");
            }
        }
        JsonNode configNode = params.get(2);
        JsonFields config = JsonFields.of(configNode == null ? EMPTY : configNode, Params.path(2), TRACE_FIELDS);
        if (config.has("blockOverrides")) {
            throw new InvalidRequestException(config.path("blockOverrides"), "give each bundle its blockOverride");
        }
        RpcCall rpc = new RpcCall(RpcMethod.DEBUG_TRACE_CALL_MANY, bundles, false, false, traceOptions(config),
                List.of());
        Map<Address, AccountOverride> overrides = stateOverrides(config.raw("stateOverrides"),
                config.path("stateOverrides"));
        String stateBlock = block;
        return new Prepared(SimulationKind.BUNDLE, (id, replyTo, now) -> new SimulationRequest(id, replyTo,
                SimulationKind.BUNDLE, stateBlock, List.of(), overrides, null, false, false, limits.gasCap(),
                limits.deadline().toMillis(), now, rpc));
    }

    /** debug_traceCall's tracer and its options. */
    private static TraceOptions traceOptions(JsonFields config) {
        JsonNode tracerName = config.raw("tracer");
        String tracer = tracerName == null ? null : tracerName.isString() ? tracerName.stringValue() : ""; // "": refused
        if (tracer != null && !tracer.equals(TraceOptions.CALL_TRACER) && !tracer.equals(TraceOptions.PRESTATE_TRACER)) {
            throw new InvalidRequestException(config.path("tracer"),
                    "must be callTracer or prestateTracer, or absent for the opcode logger");
        }
        JsonFields tracerConfig = JsonFields.of(config.has("tracerConfig") ? config.raw("tracerConfig")
                : EMPTY, config.path("tracerConfig"), TRACER_CONFIG_FIELDS);
        return new TraceOptions(tracer, flag(tracerConfig, "onlyTopCall"),
                flag(tracerConfig, "withLog"), flag(tracerConfig, "diffMode"), flag(config, "disableStorage"),
                flag(config, "disableStack"), flag(config, "enableMemory"), flag(config, "enableReturnData"),
                stepLimit(config));
    }

    /** eth_simulateV1: {@code [{blockStateCalls, traceTransfers, validation, returnFullTransactions}, block?]}. */
    Prepared simulateV1(JsonNode raw) {
        Params params = Params.of(raw, 2);
        JsonFields payload = JsonFields.of(params.require(0), Params.path(0), SIMULATE_FIELDS);
        String block = params.block(1);
        List<JsonNode> elements = payload.array("blockStateCalls", Integer.MAX_VALUE);
        if (elements.size() > maxBlocks) {
            throw new JsonRpcError(-38026, "too many blocks");
        }
        List<SimulatedBlock> blocks = new ArrayList<>();
        int calls = 0;
        for (int i = 0; i < elements.size(); i++) {
            String path = payload.path("blockStateCalls") + "[" + i + "]";
            JsonFields entry = JsonFields.of(elements.get(i), path, BLOCK_STATE_CALL_FIELDS);
            List<CallRequest> blockCalls = new ArrayList<>();
            List<JsonNode> callNodes = entry.array("calls", MAX_CALLS);
            for (int c = 0; c < callNodes.size(); c++) {
                blockCalls.add(call(callNodes.get(c), entry.path("calls") + "[" + c + "]"));
            }
            calls += blockCalls.size();
            if (calls > MAX_CALLS) {
                throw new JsonRpcError(-38026, "too many calls: at most " + MAX_CALLS);
            }
            blocks.add(new SimulatedBlock(blockOverrides(entry.raw("blockOverrides"), entry.path("blockOverrides")),
                    stateOverrides(entry.raw("stateOverrides"), entry.path("stateOverrides")), blockCalls));
        }
        boolean validation = flag(payload, "validation");
        RpcCall rpc = new RpcCall(RpcMethod.ETH_SIMULATE_V1, blocks, flag(payload, "traceTransfers"),
                flag(payload, "returnFullTransactions"), null, List.of());
        return new Prepared(SimulationKind.BUNDLE, (id, replyTo, now) -> new SimulationRequest(id, replyTo,
                SimulationKind.BUNDLE, block, List.of(), Map.of(), null, false, validation, limits.gasCap(),
                limits.deadline().toMillis(), now, rpc));
    }

    /** eth_callBundle: {@code [{txs, blockNumber, stateBlockNumber?, timestamp?, coinbase?, gasLimit?, baseFee?}]}. */
    Prepared callBundle(JsonNode raw) {
        Params params = Params.of(raw, 1);
        JsonFields bundle = JsonFields.of(params.require(0), Params.path(0), BUNDLE_FIELDS);
        if (!bundle.has("blockNumber")) {
            throw new InvalidRequestException(bundle.path("blockNumber"), "is required");
        }
        List<JsonNode> txs = bundle.array("txs", limits.maxBundleTransactions());
        if (txs.isEmpty()) {
            throw new InvalidRequestException(bundle.path("txs"), "must hold at least one signed transaction");
        }
        List<CallRequest> transactions = new ArrayList<>();
        List<Hash> hashes = new ArrayList<>();
        for (int i = 0; i < txs.size(); i++) {
            String path = bundle.path("txs") + "[" + i + "]";
            JsonNode tx = txs.get(i);
            if (!tx.isString()) {
                throw new InvalidRequestException(path, "must be a 0x-hex signed transaction");
            }
            byte[] rawTx = JsonFields.bytes(tx, path);
            transactions.add(TransactionReader.decodeRaw(rawTx, path, limits.gasCap()));
            hashes.add(Keccak.hash(rawTx));
        }
        String stateBlock = bundle.has("stateBlockNumber")
                ? Params.of(JsonNodeFactory.instance.arrayNode().add(bundle.raw("stateBlockNumber")), 1).block(0)
                : "latest";
        BlockOverrides block = new BlockOverrides(bundle.uint64("blockNumber"), bundle.uint64("timestamp"),
                bundle.quantity("baseFee"), bundle.address("coinbase"), null, bundle.uint64("gasLimit"), null);
        RpcCall rpc = new RpcCall(RpcMethod.ETH_CALL_BUNDLE, List.of(), false, false, null, hashes);
        return new Prepared(SimulationKind.BUNDLE, (id, replyTo, now) -> new SimulationRequest(id, replyTo,
                SimulationKind.BUNDLE, stateBlock, transactions, Map.of(), block, false, true, limits.gasCap(),
                limits.deadline().toMillis(), now, rpc));
    }

    private Prepared single(String block, CallRequest call, Map<Address, AccountOverride> overrides,
            BlockOverrides blockOverrides, RpcCall rpc) {
        return new Prepared(SimulationKind.SINGLE, (id, replyTo, now) -> new SimulationRequest(id, replyTo,
                SimulationKind.SINGLE, block, List.of(call), overrides, blockOverrides, false, false, limits.gasCap(),
                limits.deadline().toMillis(), now, rpc));
    }

    private CallRequest call(JsonNode node, String path) {
        return TransactionReader.read(JsonFields.of(node, path, CALL_FIELDS), limits.gasCap());
    }

    private static Map<Address, AccountOverride> stateOverrides(JsonNode node, String path) {
        return SimulationRequestReader.stateOverrides(node, path, SimulationRequestReader.RPC_OVERRIDE_FIELDS);
    }

    /** geth's block overrides; the fields this engine has no use for are refused, not ignored. */
    private static BlockOverrides blockOverrides(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        JsonFields o = JsonFields.of(node, path, BLOCK_OVERRIDE_FIELDS);
        for (String unsupported : List.of("beaconRoot", "difficulty")) {
            if (o.has(unsupported)) {
                throw new InvalidRequestException(o.path(unsupported), "is not supported");
            }
        }
        o.array("withdrawals", 0); // simulated blocks withdraw nothing; only an empty list is taken
        return new BlockOverrides(o.uint64("number"), o.uint64("time"), o.quantity("baseFeePerGas"),
                o.address("feeRecipient"), o.has("prevRandao") ? o.hash("prevRandao").toWord() : null,
                o.uint64("gasLimit"), o.quantity("blobBaseFee"));
    }

    /** The opcode logger's {@code limit}: the first steps to keep, 0 (or absent) for all. */
    private static int stepLimit(JsonFields config) {
        Long limit = config.uint64("limit");
        if (limit != null && limit > Integer.MAX_VALUE) {
            throw new InvalidRequestException(config.path("limit"), "at most " + Integer.MAX_VALUE + " steps");
        }
        return limit == null ? 0 : limit.intValue();
    }

    private static boolean flag(JsonFields fields, String name) {
        return Boolean.TRUE.equals(fields.bool(name));
    }

    private static Set<String> callFields() {
        Set<String> fields = new HashSet<>(TransactionReader.CALL_FIELDS);
        fields.remove("raw");
        fields.add("chainId");
        return Set.copyOf(fields);
    }
}
