package io.evmsim.worker.rpc;

import io.evmsim.common.bytes.Hex;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.transaction.TransactionResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** {@code eth_call}: the return data of one call, or geth's error for a revert, a halt or an invalid call. */
final class EthCall {
    private EthCall() {
    }

    static JsonNode answer(RpcRun run) {
        return run.attempt(fetched -> {
            JournaledState state = run.state(fetched);
            BlockContext block = run.block();
            Executed executed = run.run(run.processor(), state, block, run.call(), null);
            byte[] output = returnDataOrThrow(executed, state, block, run.rules());
            return JsonNodeFactory.instance.stringNode(Hex.encode(output));
        });
    }

    /** The return data of a successful call; otherwise the error eth_call answers with. */
    static byte[] returnDataOrThrow(Executed executed, JournaledState state, BlockContext block, ForkRules rules) {
        TransactionResult result = executed.result();
        if (!result.isValid()) {
            throw new RpcError(RpcError.SERVER_ERROR,
                    CallFailures.invalidMessage(result.invalid(), executed.tx(), state, block, rules));
        }
        if (!result.isSuccess()) {
            throw CallFailures.executionError(result);
        }
        return result.output();
    }
}
