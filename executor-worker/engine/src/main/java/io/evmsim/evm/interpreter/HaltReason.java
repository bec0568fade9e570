package io.evmsim.evm.interpreter;

/** Why a frame stopped exceptionally; every one consumes all the frame's gas. */
public enum HaltReason {
    OUT_OF_GAS("out of gas"),
    /** The creation succeeded but cannot pay 200 gas per byte of the code it returns. */
    CODE_DEPOSIT_OUT_OF_GAS("contract creation code storage out of gas"),
    INVALID_OPCODE("invalid opcode"),
    STACK_UNDERFLOW("stack underflow"),
    STACK_OVERFLOW("stack overflow"),
    INVALID_JUMP("invalid jump destination"),
    STATE_CHANGE_IN_STATIC_CALL("state change in a static call"),
    RETURN_DATA_OUT_OF_BOUNDS("return data out of bounds"),
    CREATE_COLLISION("contract address collision"),
    CODE_SIZE_LIMIT("max code size exceeded (EIP-170)"),
    INITCODE_SIZE_LIMIT("max initcode size exceeded (EIP-3860)"),
    INVALID_CODE_PREFIX("new code starting with 0xEF (EIP-3541)"),
    PRECOMPILE_FAILURE("precompile failed"),
    NONCE_OVERFLOW("nonce overflow (EIP-2681)"),
    /** A tracer stopped the execution (a simulation's deadline); not a consensus outcome. */
    INTERRUPTED("execution interrupted");

    private final String description;

    HaltReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
