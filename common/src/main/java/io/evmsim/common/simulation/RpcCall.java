package io.evmsim.common.simulation;

import io.evmsim.common.types.Hash;
import java.util.List;

/**
 * What a JSON-RPC request adds to a {@link SimulationRequest}: the method, and the parameters only
 * that method has. The request's own fields carry the rest (block, transactions, overrides,
 * validation).
 *
 * @param method the method the worker answers
 * @param blocks eth_simulateV1's {@code blockStateCalls}, in order; empty for the other methods
 * @param traceTransfers eth_simulateV1: every ether movement also appears as an ERC-20 style
 *     Transfer log from {@code 0xeeee...eeee}
 * @param returnFullTransactions eth_simulateV1: blocks list transaction objects, not hashes
 * @param trace debug_traceCall's tracer and its options; null for the other methods
 * @param transactionHashes eth_callBundle: the hashes of the signed transactions, in order
 */
public record RpcCall(RpcMethod method, List<SimulatedBlock> blocks, boolean traceTransfers,
        boolean returnFullTransactions, TraceOptions trace, List<Hash> transactionHashes) {

    public RpcCall {
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
        transactionHashes = transactionHashes == null ? List.of() : List.copyOf(transactionHashes);
    }

    public static RpcCall of(RpcMethod method) {
        return new RpcCall(method, List.of(), false, false, null, List.of());
    }
}
