package io.evmsim.worker.rpc;

import io.evmsim.common.simulation.CallRequest;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.state.WorldState;
import io.evmsim.evm.transaction.InvalidReason;
import io.evmsim.evm.transaction.TransactionResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code eth_estimateGas}: the smallest gas limit with which the call succeeds, found by binary
 * search over runs of the engine between the gas the call used (it cannot need less) and the
 * allowance (the call's gas, or the smallest of the block gas limit, the RPC gas cap and EIP-7825's
 * cap). Each probe runs on a fresh copy of the state, so probes do not see each other.
 */
final class GasEstimator {
    private GasEstimator() {
    }

    static JsonNode answer(RpcRun run) {
        return run.attempt(fetched -> {
            BlockContext block = run.block();
            CallRequest call = run.call();
            long allowance = call.gas() != null ? call.gas()
                    : Math.min(Math.min(block.gasLimit(), run.request().gasCap()), run.rules().transactionGasCap());
            Probe top = probe(run, fetched, block, call, allowance);
            TransactionResult result = top.executed().result();
            if (!result.isValid()) {
                throw new RpcError(RpcError.SERVER_ERROR, CallFailures.invalidMessage(result.invalid(),
                        top.executed().tx(), top.state(), block, run.rules()));
            }
            if (result.reverted()) {
                throw CallFailures.executionError(result);
            }
            if (!result.isSuccess()) {
                throw new RpcError(RpcError.SERVER_ERROR, "gas required exceeds allowance (" + allowance + ")");
            }
            long lo = result.gasUsed() - 1;
            long hi = allowance;
            while (lo + 1 < hi) {
                long mid = lo + (hi - lo) / 2;
                if (succeeds(probe(run, fetched, block, call, mid).executed().result())) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            return JsonNodeFactory.instance.stringNode(Quantities.hex(hi));
        });
    }

    private record Probe(Executed executed, JournaledState state) {
    }

    private static Probe probe(RpcRun run, WorldState fetched, BlockContext block, CallRequest call, long gas) {
        JournaledState state = run.state(fetched);
        CallRequest limited = new CallRequest(call.type(), call.from(), call.to(), call.data(), call.value(), gas,
                call.gasPrice(), call.maxFeePerGas(), call.maxPriorityFeePerGas(), call.maxFeePerBlobGas(),
                call.nonce(), call.accessList(), call.blobVersionedHashes(), call.authorizationList());
        return new Probe(run.run(run.processor(), state, block, limited, null), state);
    }

    /** A probe below the intrinsic gas is rejected, not failed: too little gas either way. */
    private static boolean succeeds(TransactionResult result) {
        if (!result.isValid()) {
            InvalidReason reason = result.invalid();
            if (reason != InvalidReason.INTRINSIC_GAS_TOO_LOW && reason != InvalidReason.FLOOR_GAS_TOO_LOW) {
                throw new RpcError(RpcError.SERVER_ERROR, reason.description());
            }
            return false;
        }
        return result.isSuccess();
    }
}
