package io.evmsim.evm.fork;

/**
 * The gas constants a fork may reprice, beside each opcode's static gas (which is in the fork's
 * {@link io.evmsim.evm.opcode.InstructionSet}). Their values per fork are in {@link Forks}; each
 * name says where the engine charges it and the EIP (or Yellow Paper symbol) that defines it.
 */
public enum GasCost {
    // ---- the transaction (intrinsic gas, refunds) ----
    /** G_transaction: every transaction. */
    TX_BASE,
    /** G_txcreate: a creation transaction, on top of the base. */
    TX_CREATE,
    /** G_txdatazero: per zero byte of calldata or initcode. */
    TX_DATA_ZERO_BYTE,
    /** EIP-2028: per non-zero byte of calldata or initcode. */
    TX_DATA_NONZERO_BYTE,
    /** EIP-7623 TOTAL_COST_FLOOR_PER_TOKEN: the calldata floor per token, where the fork has the floor. */
    CALLDATA_FLOOR_PER_TOKEN,
    /** EIP-2930 ACCESS_LIST_ADDRESS_COST. */
    ACCESS_LIST_ADDRESS,
    /** EIP-2930 ACCESS_LIST_STORAGE_KEY_COST. */
    ACCESS_LIST_STORAGE_KEY,
    /** EIP-3860 INITCODE_WORD_COST: per word of initcode, in a creation transaction and in CREATE and CREATE2. */
    INITCODE_WORD,
    /** EIP-7702 PER_EMPTY_ACCOUNT_COST: per authorization, in the intrinsic gas. */
    AUTH_PER_EMPTY_ACCOUNT,
    /** EIP-7702 PER_AUTH_BASE_COST: what an authorization of an existing account costs; the rest is refunded. */
    AUTH_BASE,
    /** EIP-3529 MAX_REFUND_QUOTIENT: the refund is at most the gas used divided by this. */
    REFUND_QUOTIENT,

    // ---- state access (EIP-2929) ----
    /** WARM_STORAGE_READ_COST, charged for an account already accessed in the transaction. */
    WARM_ACCOUNT_ACCESS,
    /** COLD_ACCOUNT_ACCESS_COST: the first access to an account in the transaction. */
    COLD_ACCOUNT_ACCESS,
    /** WARM_STORAGE_READ_COST: SLOAD of a warm slot, and an SSTORE that changes nothing or a dirty slot. */
    WARM_STORAGE_READ,
    /** COLD_SLOAD_COST: the first access to a slot in the transaction (SLOAD and SSTORE). */
    COLD_SLOAD,

    // ---- SSTORE (EIP-2200 as amended by EIP-2929 and EIP-3529) ----
    /** SSTORE_SET_GAS: a clean slot from zero to non-zero. */
    SSTORE_SET,
    /** SSTORE_RESET_GAS minus COLD_SLOAD_COST (EIP-2929): a clean slot from non-zero to another value. */
    SSTORE_RESET,
    /** EIP-3529 SSTORE_CLEARS_SCHEDULE: the refund for clearing a slot. */
    SSTORE_CLEARS_REFUND,
    /** EIP-2200 SSTORE_SENTRY: SSTORE halts when no more gas than this is left. */
    SSTORE_SENTRY,

    // ---- calls and creation ----
    /** G_callvalue: a call that transfers value. */
    CALL_VALUE,
    /** G_callstipend: given to the callee of a value transfer on top of the gas passed. */
    CALL_STIPEND,
    /** G_newaccount: a value transfer (CALL or SELFDESTRUCT) to an empty account (EIP-161). */
    NEW_ACCOUNT,
    /** G_codedeposit: per byte of the code a creation deposits. */
    CODE_DEPOSIT_BYTE,

    // ---- memory, copies, hashing, logs, EXP ----
    /** G_memory: the linear part of memory expansion, per word. */
    MEMORY_WORD,
    /** The divisor of the quadratic part of memory expansion, words^2 / 512. */
    MEMORY_QUADRATIC_DIVISOR,
    /** G_copy: per word copied by CALLDATACOPY, CODECOPY, EXTCODECOPY, RETURNDATACOPY and MCOPY. */
    COPY_WORD,
    /** G_keccak256word: per word hashed by KECCAK256 and by CREATE2 (its initcode hash). */
    KECCAK_WORD,
    /** G_logtopic: per topic of LOG1 to LOG4, on top of the opcode's static gas (G_log). */
    LOG_TOPIC,
    /** G_logdata: per byte of a log's data. */
    LOG_DATA_BYTE,
    /** EIP-160 G_expbyte: per byte of EXP's exponent. */
    EXP_BYTE
}
