package io.evmsim.evm.transaction;

import static io.evmsim.evm.fork.GasCost.ACCESS_LIST_ADDRESS;
import static io.evmsim.evm.fork.GasCost.ACCESS_LIST_STORAGE_KEY;
import static io.evmsim.evm.fork.GasCost.AUTH_PER_EMPTY_ACCOUNT;
import static io.evmsim.evm.fork.GasCost.CALLDATA_FLOOR_PER_TOKEN;
import static io.evmsim.evm.fork.GasCost.INITCODE_WORD;
import static io.evmsim.evm.fork.GasCost.TX_BASE;
import static io.evmsim.evm.fork.GasCost.TX_CREATE;
import static io.evmsim.evm.fork.GasCost.TX_DATA_NONZERO_BYTE;
import static io.evmsim.evm.fork.GasCost.TX_DATA_ZERO_BYTE;

import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.fork.GasSchedule;

/** The gas a transaction pays before any code runs, and the EIP-7623 calldata floor, at its fork's prices. */
public final class IntrinsicGas {
    /** EIP-7623: a non-zero byte of calldata is four tokens, a zero byte one. */
    private static final long TOKENS_PER_NONZERO_BYTE = 4;

    private IntrinsicGas() {
    }

    public static long of(EvmTransaction tx, ForkRules rules) {
        return breakdown(tx, rules).total();
    }

    /** The intrinsic cost by part. */
    public static IntrinsicGasBreakdown breakdown(EvmTransaction tx, ForkRules rules) {
        GasSchedule gas = rules.gas();
        byte[] data = tx.data();
        long zeros = zeroBytes(data);
        long calldata = zeros * gas.cost(TX_DATA_ZERO_BYTE) + (data.length - zeros) * gas.cost(TX_DATA_NONZERO_BYTE);
        long creation = tx.isCreate()
                ? gas.cost(TX_CREATE) + gas.cost(INITCODE_WORD) * ((data.length + 31L) / 32) : 0;
        long accessList = 0;
        for (AccessListEntry entry : tx.accessList()) {
            accessList += gas.cost(ACCESS_LIST_ADDRESS)
                    + gas.cost(ACCESS_LIST_STORAGE_KEY) * entry.storageKeys().size();
        }
        long authorizations = gas.cost(AUTH_PER_EMPTY_ACCOUNT) * tx.authorizationList().size();
        return new IntrinsicGasBreakdown(gas.cost(TX_BASE), calldata, accessList, creation, authorizations);
    }

    /** EIP-7623: the base cost plus the floor price per calldata token; 0 where the fork has no floor. */
    public static long floor(EvmTransaction tx, ForkRules rules) {
        if (!rules.calldataFloor()) {
            return 0;
        }
        byte[] data = tx.data();
        long zeros = zeroBytes(data);
        long tokens = zeros + TOKENS_PER_NONZERO_BYTE * (data.length - zeros);
        return rules.gas().cost(TX_BASE) + rules.gas().cost(CALLDATA_FLOOR_PER_TOKEN) * tokens;
    }

    private static long zeroBytes(byte[] data) {
        long zeros = 0;
        for (byte b : data) {
            if (b == 0) {
                zeros++;
            }
        }
        return zeros;
    }
}
