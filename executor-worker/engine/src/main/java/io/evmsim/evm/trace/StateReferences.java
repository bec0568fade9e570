package io.evmsim.evm.trace;

import static io.evmsim.evm.opcode.Opcodes.BALANCE;
import static io.evmsim.evm.opcode.Opcodes.CALL;
import static io.evmsim.evm.opcode.Opcodes.CALLCODE;
import static io.evmsim.evm.opcode.Opcodes.DELEGATECALL;
import static io.evmsim.evm.opcode.Opcodes.EXTCODECOPY;
import static io.evmsim.evm.opcode.Opcodes.EXTCODEHASH;
import static io.evmsim.evm.opcode.Opcodes.EXTCODESIZE;
import static io.evmsim.evm.opcode.Opcodes.SELFDESTRUCT;
import static io.evmsim.evm.opcode.Opcodes.SLOAD;
import static io.evmsim.evm.opcode.Opcodes.SSTORE;
import static io.evmsim.evm.opcode.Opcodes.STATICCALL;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.interpreter.Frame;
import io.evmsim.evm.opcode.OpcodeSet;

/**
 * The state an instruction about to run names through its stack operands, as geth's prestate and
 * access-list tracers read it: the slot of SLOAD and SSTORE, the account of BALANCE, EXTCODE*,
 * SELFDESTRUCT and the calls. (Accounts a CREATE or CREATE2 will make are derived, not named.)
 */
public final class StateReferences {
    /** The instructions {@link #named} reports on: a tracer built on it needs no other step. */
    public static final OpcodeSet NAMING = OpcodeSet.of(SLOAD, SSTORE, EXTCODECOPY, EXTCODEHASH, EXTCODESIZE, BALANCE,
            SELFDESTRUCT, CALL, CALLCODE, DELEGATECALL, STATICCALL);

    private StateReferences() {
    }

    /** Receives what an instruction names. */
    public interface Sink {
        void account(Address address);

        void slot(Address account, UInt256 key);
    }

    /** Tells {@code sink} what {@code opcode}, about to run in {@code frame}, names; nothing for other instructions or a short stack. */
    public static void named(Frame frame, int opcode, Sink sink) {
        int size = frame.stackSize();
        switch (opcode) {
            case SLOAD, SSTORE -> {
                if (size >= 1) {
                    sink.slot(frame.recipient(), frame.peek(0));
                }
            }
            case EXTCODECOPY, EXTCODEHASH, EXTCODESIZE, BALANCE, SELFDESTRUCT -> {
                if (size >= 1) {
                    sink.account(address(frame.peek(0)));
                }
            }
            case CALL, CALLCODE, DELEGATECALL, STATICCALL -> {
                if (size >= 5) {
                    sink.account(address(frame.peek(1)));
                }
            }
            default -> {
            }
        }
    }

    /** The address in a stack word's low 20 bytes. */
    public static Address address(UInt256 word) {
        return Address.fromWordBytes(word.toBytes32(), 0);
    }
}
