package io.evmsim.evm.trace;

import io.evmsim.evm.interpreter.Frame;
import io.evmsim.evm.interpreter.FrameResult;
import io.evmsim.evm.interpreter.HaltReason;
import io.evmsim.evm.opcode.OpcodeInfo;
import io.evmsim.evm.opcode.Opcodes;

/**
 * Opcode names and error texts as go-ethereum writes them ({@code core/vm/errors.go},
 * {@code OpCode.String()}): JSON-RPC clients compare these strings, so every tracer uses this one
 * wording.
 */
public final class GethText {
    /** geth's {@code ErrExecutionReverted}. */
    public static final String EXECUTION_REVERTED = "execution reverted";

    private GethText() {
    }

    /** geth's mnemonic: {@code opcode 0xc not defined} for a byte no fork defines. */
    public static String opcodeName(int opcode) {
        OpcodeInfo info = Opcodes.info(opcode);
        return info != null ? info.name() : "opcode 0x" + Integer.toHexString(opcode & 0xff) + " not defined";
    }

    /** The error of a failed frame, or null when it succeeded. */
    public static String error(FrameResult result) {
        if (result.halt() != null) {
            return halt(result.halt());
        }
        return result.reverted() ? EXECUTION_REVERTED : null;
    }

    /** A halt's text without the details only the halting frame knows (stack sizes, the opcode). */
    public static String halt(HaltReason reason) {
        return switch (reason) {
            case OUT_OF_GAS -> "out of gas";
            case CODE_DEPOSIT_OUT_OF_GAS -> "contract creation code storage out of gas";
            case INVALID_OPCODE -> "invalid opcode";
            case STACK_UNDERFLOW -> "stack underflow";
            case STACK_OVERFLOW -> "stack limit reached";
            case INVALID_JUMP -> "invalid jump destination";
            case STATE_CHANGE_IN_STATIC_CALL -> "write protection";
            case RETURN_DATA_OUT_OF_BOUNDS -> "return data out of bounds";
            case CREATE_COLLISION -> "contract address collision";
            case CODE_SIZE_LIMIT -> "max code size exceeded";
            case INITCODE_SIZE_LIMIT -> "max initcode size exceeded";
            case INVALID_CODE_PREFIX -> "invalid code: must not begin with 0xef";
            case PRECOMPILE_FAILURE -> "precompile failed";
            case NONCE_OVERFLOW -> "nonce uint64 overflow";
            case INTERRUPTED -> "execution interrupted";
        };
    }

    /**
     * The halt's text with what the halted frame shows: the undefined opcode, or the stack size
     * against the bound ({@code stack underflow (0 <=> 2)}, {@code stack limit reached 1024 (1023)}).
     * Undefined opcodes and stack faults halt before the pc moves, so the pc names the instruction.
     */
    public static String halt(Frame frame) {
        HaltReason reason = frame.haltReason();
        byte[] code = frame.message().code().bytes();
        int pc = frame.pc();
        if (pc >= code.length) {
            return halt(reason);
        }
        int opcode = code[pc] & 0xff;
        OpcodeInfo info = Opcodes.info(opcode);
        return switch (reason) {
            case INVALID_OPCODE -> "invalid opcode: " + opcodeName(opcode);
            case STACK_UNDERFLOW -> info == null ? halt(reason)
                    : "stack underflow (" + frame.stackSize() + " <=> " + info.stackIn() + ")";
            case STACK_OVERFLOW -> info == null ? halt(reason)
                    : "stack limit reached " + frame.stackSize() + " ("
                            + (Frame.MAX_STACK - Math.max(0, info.stackOut() - info.stackIn())) + ")";
            default -> halt(reason);
        };
    }
}
