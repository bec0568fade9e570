package io.evmsim.evm.fork;

import io.evmsim.evm.opcode.OpcodeInfo;
import io.evmsim.evm.opcode.Opcodes;

/**
 * Everything the engine does differently per fork, as data. Each fork is its predecessor plus
 * named EIP changes (see {@link #forFork}), so a new fork is a short delta on the last one.
 *
 * @param fork the fork
 * @param setCodeTransactions EIP-7702 set-code transactions and delegated code
 * @param calldataFloor EIP-7623 floor price for calldata
 * @param transactionGasCap EIP-7825 cap on a transaction's gas limit, or {@link Long#MAX_VALUE}
 * @param maxBlobsPerTransaction EIP-7594 cap on one transaction's blobs (the block's max applies too)
 * @param blobSchedule blob target, max and base-fee update fraction
 * @param maxCodeSize EIP-170
 * @param maxInitcodeSize EIP-3860
 */
public record ForkRules(Fork fork, boolean setCodeTransactions, boolean calldataFloor, long transactionGasCap,
        int maxBlobsPerTransaction, BlobSchedule blobSchedule, int maxCodeSize, int maxInitcodeSize) {

    private static final ForkRules CANCUN = new ForkRules(Fork.CANCUN, false, false, Long.MAX_VALUE,
            Integer.MAX_VALUE,
            new BlobSchedule(3, 6, 3_338_477), 24_576, 49_152);

    private static final ForkRules PRAGUE = CANCUN
            .withFork(Fork.PRAGUE)
            .withSetCodeTransactions() // EIP-7702
            .withCalldataFloor() // EIP-7623
            .withBlobSchedule(new BlobSchedule(6, 9, 5_007_716)); // EIP-7691

    private static final ForkRules OSAKA = PRAGUE
            .withFork(Fork.OSAKA)
            .withTransactionGasCap(1L << 24) // EIP-7825
            .withMaxBlobsPerTransaction(6); // EIP-7594

    public static ForkRules forFork(Fork fork) {
        return switch (fork) {
            case CANCUN -> CANCUN;
            case PRAGUE -> PRAGUE;
            case OSAKA -> OSAKA;
        };
    }

    /** Whether the opcode exists in this fork (undefined bytes and later opcodes do not). */
    public boolean hasOpcode(int code) {
        OpcodeInfo info = Opcodes.info(code);
        return info != null && info.availableIn(fork);
    }

    public ForkRules withBlobSchedule(BlobSchedule schedule) {
        return new ForkRules(fork, setCodeTransactions, calldataFloor, transactionGasCap,
                maxBlobsPerTransaction, schedule, maxCodeSize, maxInitcodeSize);
    }

    /**
     * Prague as it was defined before EIP-7623 joined it (late 2024): only for replaying fixtures
     * filled in that period, never for mainnet.
     */
    public ForkRules withoutCalldataFloor() {
        return new ForkRules(fork, setCodeTransactions, false, transactionGasCap, maxBlobsPerTransaction,
                blobSchedule, maxCodeSize, maxInitcodeSize);
    }

    private ForkRules withFork(Fork next) {
        return new ForkRules(next, setCodeTransactions, calldataFloor, transactionGasCap, maxBlobsPerTransaction,
                blobSchedule, maxCodeSize, maxInitcodeSize);
    }

    private ForkRules withSetCodeTransactions() {
        return new ForkRules(fork, true, calldataFloor, transactionGasCap, maxBlobsPerTransaction, blobSchedule,
                maxCodeSize, maxInitcodeSize);
    }

    private ForkRules withCalldataFloor() {
        return new ForkRules(fork, setCodeTransactions, true, transactionGasCap, maxBlobsPerTransaction,
                blobSchedule, maxCodeSize, maxInitcodeSize);
    }

    private ForkRules withTransactionGasCap(long cap) {
        return new ForkRules(fork, setCodeTransactions, calldataFloor, cap, maxBlobsPerTransaction, blobSchedule,
                maxCodeSize, maxInitcodeSize);
    }

    private ForkRules withMaxBlobsPerTransaction(int max) {
        return new ForkRules(fork, setCodeTransactions, calldataFloor, transactionGasCap, max, blobSchedule,
                maxCodeSize, maxInitcodeSize);
    }
}
