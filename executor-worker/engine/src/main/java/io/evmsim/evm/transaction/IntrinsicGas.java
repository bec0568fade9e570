package io.evmsim.evm.transaction;

import io.evmsim.evm.fork.ForkRules;

/** The gas a transaction pays before any code runs, and the EIP-7623 calldata floor. */
public final class IntrinsicGas {
    static final long TRANSACTION_GAS = 21_000;
    private static final long CREATE_GAS = 32_000;
    private static final long ZERO_BYTE_GAS = 4;
    private static final long NONZERO_BYTE_GAS = 16;
    /** EIP-2930. */
    private static final long ACCESS_LIST_ADDRESS_GAS = 2400;
    private static final long ACCESS_LIST_KEY_GAS = 1900;
    /** EIP-3860. */
    private static final long INITCODE_WORD_GAS = 2;
    /** EIP-7702: PER_EMPTY_ACCOUNT_COST, charged per authorization up front. */
    static final long PER_EMPTY_ACCOUNT_GAS = 25_000;
    /** EIP-7623: the floor price per calldata token. */
    private static final long FLOOR_TOKEN_GAS = 10;

    private IntrinsicGas() {
    }

    public static long of(EvmTransaction tx) {
        return breakdown(tx).total();
    }

    /** The intrinsic cost by part. */
    public static IntrinsicGasBreakdown breakdown(EvmTransaction tx) {
        byte[] data = tx.data();
        long zeros = zeroBytes(data);
        long calldata = zeros * ZERO_BYTE_GAS + (data.length - zeros) * NONZERO_BYTE_GAS;
        long creation = tx.isCreate() ? CREATE_GAS + INITCODE_WORD_GAS * ((data.length + 31L) / 32) : 0;
        long accessList = 0;
        for (AccessListEntry entry : tx.accessList()) {
            accessList += ACCESS_LIST_ADDRESS_GAS + ACCESS_LIST_KEY_GAS * entry.storageKeys().size();
        }
        long authorizations = PER_EMPTY_ACCOUNT_GAS * tx.authorizationList().size();
        return new IntrinsicGasBreakdown(TRANSACTION_GAS, calldata, accessList, creation, authorizations);
    }

    /** EIP-7623: 21000 + 10 per token, a zero byte one token and any other byte four; 0 before Prague. */
    public static long floor(EvmTransaction tx, ForkRules rules) {
        if (!rules.calldataFloor()) {
            return 0;
        }
        byte[] data = tx.data();
        long zeros = zeroBytes(data);
        long tokens = zeros + 4 * (data.length - zeros);
        return TRANSACTION_GAS + FLOOR_TOKEN_GAS * tokens;
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
