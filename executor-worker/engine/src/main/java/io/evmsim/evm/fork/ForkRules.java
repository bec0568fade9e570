package io.evmsim.evm.fork;

import io.evmsim.common.types.Address;
import io.evmsim.evm.opcode.InstructionSet;
import io.evmsim.evm.precompile.Precompile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the engine does differently per fork, as data: the instructions (which opcodes, at
 * what static gas), the precompiles (with their pricing), the gas constants a fork may reprice,
 * the transaction rules and the default blob parameters. The forks themselves are defined in
 * {@link Forks}, each as its predecessor plus one {@code with...} delta per EIP.
 *
 * @param fork the fork
 * @param instructions the opcodes this fork has and their static gas
 * @param precompiles the precompiled contracts by address (unmodifiable)
 * @param gas the gas constants beside the static gas
 * @param setCodeTransactions EIP-7702 set-code transactions and delegated code
 * @param calldataFloor EIP-7623 floor price for calldata
 * @param transactionGasCap EIP-7825 cap on a transaction's gas limit, or {@link Long#MAX_VALUE}
 * @param maxBlobsPerTransaction EIP-7594 cap on one transaction's blobs (the block's max applies too)
 * @param maxCodeSize EIP-170
 * @param maxInitcodeSize EIP-3860
 * @param blobSchedule blob target, max and base-fee update fraction: the fork's default, which a
 *     chain's own schedule replaces ({@link #withBlobSchedule})
 */
public record ForkRules(Fork fork, InstructionSet instructions, Map<Address, Precompile> precompiles,
        GasSchedule gas, boolean setCodeTransactions, boolean calldataFloor, long transactionGasCap,
        int maxBlobsPerTransaction, int maxCodeSize, int maxInitcodeSize, BlobSchedule blobSchedule) {

    public ForkRules {
        Objects.requireNonNull(fork, "fork");
        Objects.requireNonNull(instructions, "instructions");
        Objects.requireNonNull(precompiles, "precompiles");
        Objects.requireNonNull(gas, "gas");
        Objects.requireNonNull(blobSchedule, "blobSchedule");
    }

    public static ForkRules forFork(Fork fork) {
        return Forks.rules(fork);
    }

    /** Whether the opcode exists in this fork (undefined bytes and later opcodes do not). */
    public boolean hasOpcode(int code) {
        return instructions.has(code);
    }

    // ---- the deltas a fork is written with (see Forks) ----------------------------------------

    /** These rules as the start of the next fork, which then lists its own changes. */
    public ForkRules next(Fork next) {
        if (next.compareTo(fork) <= 0) {
            throw new IllegalArgumentException(next + " does not follow " + fork);
        }
        return new ForkRules(next, instructions, precompiles, gas, setCodeTransactions, calldataFloor,
                transactionGasCap, maxBlobsPerTransaction, maxCodeSize, maxInitcodeSize, blobSchedule);
    }

    /** The opcode present at the given static gas: a new opcode, or a repriced one. */
    public ForkRules withOpcode(int code, long staticGas) {
        return new ForkRules(fork, instructions.with(code, staticGas), precompiles, gas, setCodeTransactions,
                calldataFloor, transactionGasCap, maxBlobsPerTransaction, maxCodeSize, maxInitcodeSize, blobSchedule);
    }

    /** A precompile at the address: a new one, or a new pricing of an existing one. */
    public ForkRules withPrecompile(long address, Precompile precompile) {
        Map<Address, Precompile> changed = new LinkedHashMap<>(precompiles);
        changed.put(Address.fromLong(address), Objects.requireNonNull(precompile, "precompile"));
        return new ForkRules(fork, instructions, Collections.unmodifiableMap(changed), gas, setCodeTransactions,
                calldataFloor, transactionGasCap, maxBlobsPerTransaction, maxCodeSize, maxInitcodeSize, blobSchedule);
    }

    /** One gas constant repriced. */
    public ForkRules withGas(GasCost cost, long value) {
        return new ForkRules(fork, instructions, precompiles, gas.with(cost, value), setCodeTransactions,
                calldataFloor, transactionGasCap, maxBlobsPerTransaction, maxCodeSize, maxInitcodeSize, blobSchedule);
    }

    public ForkRules withSetCodeTransactions() {
        return new ForkRules(fork, instructions, precompiles, gas, true, calldataFloor, transactionGasCap,
                maxBlobsPerTransaction, maxCodeSize, maxInitcodeSize, blobSchedule);
    }

    public ForkRules withCalldataFloor() {
        return new ForkRules(fork, instructions, precompiles, gas, setCodeTransactions, true, transactionGasCap,
                maxBlobsPerTransaction, maxCodeSize, maxInitcodeSize, blobSchedule);
    }

    /**
     * Prague as it was defined before EIP-7623 joined it (late 2024): only for replaying fixtures
     * filled in that period, never for mainnet.
     */
    public ForkRules withoutCalldataFloor() {
        return new ForkRules(fork, instructions, precompiles, gas, setCodeTransactions, false, transactionGasCap,
                maxBlobsPerTransaction, maxCodeSize, maxInitcodeSize, blobSchedule);
    }

    public ForkRules withTransactionGasCap(long cap) {
        return new ForkRules(fork, instructions, precompiles, gas, setCodeTransactions, calldataFloor, cap,
                maxBlobsPerTransaction, maxCodeSize, maxInitcodeSize, blobSchedule);
    }

    public ForkRules withMaxBlobsPerTransaction(int max) {
        return new ForkRules(fork, instructions, precompiles, gas, setCodeTransactions, calldataFloor,
                transactionGasCap, max, maxCodeSize, maxInitcodeSize, blobSchedule);
    }

    public ForkRules withCodeSizeLimits(int maxCode, int maxInitcode) {
        return new ForkRules(fork, instructions, precompiles, gas, setCodeTransactions, calldataFloor,
                transactionGasCap, maxBlobsPerTransaction, maxCode, maxInitcode, blobSchedule);
    }

    /** The blob parameters in force: the fork's own, or a chain's (EIP-7840, EIP-7892). */
    public ForkRules withBlobSchedule(BlobSchedule schedule) {
        return new ForkRules(fork, instructions, precompiles, gas, setCodeTransactions, calldataFloor,
                transactionGasCap, maxBlobsPerTransaction, maxCodeSize, maxInitcodeSize, schedule);
    }
}
