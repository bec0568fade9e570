package io.evmsim.evm.interpreter;

import io.evmsim.evm.fork.Fork;
import io.evmsim.evm.opcode.OpcodeInfo;
import io.evmsim.evm.opcode.Opcodes;
import java.util.EnumMap;

/**
 * The interpreter's per-fork view of the opcode table, flattened into arrays the dispatch loop
 * indexes by opcode: whether it exists, the stack bounds it needs and its static gas.
 */
final class InstructionTable {
    private static final EnumMap<Fork, InstructionTable> TABLES = new EnumMap<>(Fork.class);

    static {
        for (Fork fork : Fork.values()) {
            TABLES.put(fork, new InstructionTable(fork));
        }
    }

    final boolean[] defined = new boolean[256];
    /** Fewest items the stack must hold; above any stack for an undefined opcode, so one check catches both. */
    final int[] minStack = new int[256];
    /** Most items the stack may hold before the instruction without overflowing 1024. */
    final int[] maxStack = new int[256];
    final long[] staticGas = new long[256];

    private InstructionTable(Fork fork) {
        for (int op = 0; op < 256; op++) {
            OpcodeInfo info = Opcodes.info(op);
            if (info == null || !info.availableIn(fork)) {
                minStack[op] = Integer.MAX_VALUE;
                continue;
            }
            defined[op] = true;
            minStack[op] = info.stackIn();
            maxStack[op] = Frame.MAX_STACK - Math.max(0, info.stackOut() - info.stackIn());
            staticGas[op] = info.staticGas();
        }
    }

    /** Why an instruction that failed the stack-bounds check halts. */
    HaltReason stackHalt(int op, int stackSize) {
        if (!defined[op]) {
            return HaltReason.INVALID_OPCODE;
        }
        return stackSize < minStack[op] ? HaltReason.STACK_UNDERFLOW : HaltReason.STACK_OVERFLOW;
    }

    static InstructionTable forFork(Fork fork) {
        return TABLES.get(fork);
    }
}
