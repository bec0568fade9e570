package io.evmsim.evm.statetest;

import io.evmsim.common.types.Hash;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.state.InMemoryWorldState;
import io.evmsim.evm.transaction.EvmTransaction;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * One (test, fork, data, gas, value) case of a state-test file.
 *
 * @param file the file it came from
 * @param name the test's name
 * @param rules the fork's rules, with the file's blob schedule
 * @param indexes {@code d=.. g=.. v=..}
 * @param preState a fresh copy of the pre-state for each run
 * @param block the block environment
 * @param transaction the transaction, or null when it cannot even be built (then it must be rejected)
 * @param unbuildable why the transaction cannot be built, or null
 * @param expectedRoot the post-state root
 * @param expectedLogsHash keccak256 of the RLP list of logs
 * @param expectedException the rejection the fixture expects, or null
 */
public record StateTestCase(Path file, String name, ForkRules rules, String indexes,
        Supplier<InMemoryWorldState> preState, BlockContext block, EvmTransaction transaction, String unbuildable, Hash expectedRoot,
        Hash expectedLogsHash, String expectedException) {
}
