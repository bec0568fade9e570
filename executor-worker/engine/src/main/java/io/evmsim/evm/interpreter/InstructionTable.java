package io.evmsim.evm.interpreter;

import io.evmsim.evm.fork.Fork;
import io.evmsim.evm.opcode.OpcodeInfo;
import io.evmsim.evm.opcode.Opcodes;
import java.util.EnumMap;

/**
 * The interpreter's per-fork view of the opcode table, flattened into one array the dispatch loop
 * indexes by opcode: whether it exists, the stack bounds it needs and its static gas.
 */
final class InstructionTable {
    private static final EnumMap<Fork, InstructionTable> TABLES = new EnumMap<>(Fork.class);

    static {
        for (Fork fork : Fork.values()) {
            TABLES.put(fork, new InstructionTable(fork));
        }
    }

    /** An undefined opcode's lowest stack height: above any stack, so the bounds check catches it. */
    private static final int UNDEFINED = 0xffff;

    /**
     * Per opcode, packed so that the loop loads one entry: bits 0-15 the fewest items the stack
     * must hold, bits 16-31 how many more it may hold without overflowing 1024 after the
     * instruction, bits 32-63 the static gas. See {@link #minStack}, {@link #stackRange} and
     * {@link #staticGas}.
     */
    final long[] entries = new long[256];

    private InstructionTable(Fork fork) {
        for (int op = 0; op < 256; op++) {
            OpcodeInfo info = Opcodes.info(op);
            if (info == null || !info.availableIn(fork) || op == Opcodes.INVALID) {
                // INVALID (EIP-141) halts exactly as an undefined byte does, before the pc moves
                entries[op] = UNDEFINED;
                continue;
            }
            int min = info.stackIn();
            int max = Frame.MAX_STACK - Math.max(0, info.stackOut() - info.stackIn());
            entries[op] = (info.staticGas() << 32) | ((long) (max - min) << 16) | min;
        }
    }

    static int minStack(long entry) {
        return (int) entry & 0xffff;
    }

    static int stackRange(long entry) {
        return (int) (entry >>> 16) & 0xffff;
    }

    static long staticGas(long entry) {
        return entry >>> 32;
    }

    /**
     * Whether the stack height is outside the instruction's bounds (or the opcode undefined): one
     * unsigned comparison, as a height below the minimum wraps around to a large value.
     */
    static boolean outOfStackBounds(long entry, int stackSize) {
        return Integer.compareUnsigned(stackSize - minStack(entry), stackRange(entry)) > 0;
    }

    /** Why an instruction that failed the stack-bounds check halts. */
    HaltReason stackHalt(int op, int stackSize) {
        int min = minStack(entries[op]);
        if (min == UNDEFINED) {
            return HaltReason.INVALID_OPCODE;
        }
        return stackSize < min ? HaltReason.STACK_UNDERFLOW : HaltReason.STACK_OVERFLOW;
    }

    static InstructionTable forFork(Fork fork) {
        return TABLES.get(fork);
    }
}
