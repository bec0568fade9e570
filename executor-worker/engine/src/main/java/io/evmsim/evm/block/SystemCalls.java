package io.evmsim.evm.block;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.fork.Fork;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.interpreter.CallKind;
import io.evmsim.evm.interpreter.Evm;
import io.evmsim.evm.interpreter.Message;
import io.evmsim.evm.interpreter.TransactionContext;
import io.evmsim.evm.precompile.Precompile;
import io.evmsim.evm.state.Code;
import io.evmsim.evm.state.JournaledState;
import java.util.List;
import java.util.Map;

/**
 * The system calls a block starts with, before its transactions: EIP-4788 stores the parent beacon
 * block root (Cancun on), EIP-2935 the parent block hash (Prague on). Each is a call from
 * {@link #SYSTEM_ADDRESS} with 30,000,000 gas, no value and no fee, that neither charges nor bumps a
 * nonce; with no code at the contract nothing happens (as go-ethereum's {@code core.PreExecution}).
 */
public final class SystemCalls {
    /** EIP-4788's SYSTEM_ADDRESS. */
    public static final Address SYSTEM_ADDRESS = Address.fromHex("0xfffffffffffffffffffffffffffffffffffffffe");
    /** EIP-4788's BEACON_ROOTS_ADDRESS. */
    public static final Address BEACON_ROOTS = Address.fromHex("0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02");
    /** EIP-2935's HISTORY_STORAGE_ADDRESS. */
    public static final Address HISTORY_STORAGE = Address.fromHex("0x0000F90827F1C53a10cb7A02335B175320002935");
    private static final long SYSTEM_CALL_GAS = 30_000_000;

    private SystemCalls() {
    }

    /** Runs the block's opening system calls on {@code state}. */
    public static void beginBlock(JournaledState state, BlockContext block, ForkRules rules,
            Map<Address, Precompile> precompiles, Hash parentBeaconRoot, Hash parentHash) {
        if (rules.fork().compareTo(Fork.CANCUN) >= 0) {
            call(state, block, rules, precompiles, BEACON_ROOTS, parentBeaconRoot);
        }
        if (rules.fork().compareTo(Fork.PRAGUE) >= 0) {
            call(state, block, rules, precompiles, HISTORY_STORAGE, parentHash);
        }
    }

    private static void call(JournaledState state, BlockContext block, ForkRules rules,
            Map<Address, Precompile> precompiles, Address contract, Hash input) {
        Code code = state.account(contract).code();
        if (code.size() == 0) {
            return;
        }
        Evm evm = new Evm(state, block, new TransactionContext(SYSTEM_ADDRESS, UInt256.ZERO, List.of()), rules,
                precompiles, null);
        evm.call(new Message(CallKind.CALL, SYSTEM_ADDRESS, contract, contract, UInt256.ZERO, false,
                input.toArray(), code, SYSTEM_CALL_GAS, 0, false, true));
        state.takeLogs();
        state.finishTransaction();
    }
}
