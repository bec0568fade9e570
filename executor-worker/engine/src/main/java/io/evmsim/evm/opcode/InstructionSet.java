package io.evmsim.evm.opcode;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * The instructions of one fork: which opcodes exist and the static gas of each, as evmone keeps a
 * gas table per revision. Immutable; a later fork adds or reprices an opcode with {@link #with}.
 *
 * <p>It also holds the view the interpreter's dispatch loop indexes by opcode, built once here so
 * that no transaction pays for it: per opcode, packed so that the loop loads one entry, bits 0-15
 * the fewest items the stack must hold, bits 16-30 how many more it may hold without overflowing
 * {@link #STACK_LIMIT} after the instruction, bit 31 whether an attached tracer's step hook wants
 * the instruction (set only in {@link #tracedEntries}), bits 32-63 the static gas (see
 * {@link #minStack}, {@link #stackRange}, {@link #isTracedStep} and {@link #staticGasOf}).
 */
public final class InstructionSet {
    /** The most items the stack holds. */
    public static final int STACK_LIMIT = 1024;
    /** An undefined opcode's lowest stack height: above any stack, so the bounds check catches it. */
    public static final int UNDEFINED = 0xffff;
    private static final long ABSENT = Opcodes.NOT_IN_SHANGHAI;
    /** The entry bit of an instruction a tracer steps on. */
    private static final long TRACED_STEP = 1L << 31;
    /** Static gas must fit the entry's 32 high bits. */
    private static final long MAX_STATIC_GAS = 0xffff_ffffL;

    private static final InstructionSet SHANGHAI = shanghaiSet();

    /** Per opcode, its static gas or {@link #ABSENT}. */
    private final long[] staticGas;
    private final long[] entries;

    private InstructionSet(long[] staticGas) {
        this.staticGas = staticGas;
        this.entries = pack(staticGas);
    }

    /** Shanghai's instructions: every opcode up to PUSH0 (EIP-3855), at its Shanghai static gas. */
    public static InstructionSet shanghai() {
        return SHANGHAI;
    }

    private static InstructionSet shanghaiSet() {
        long[] gas = new long[256];
        for (int op = 0; op < 256; op++) {
            gas[op] = Opcodes.shanghaiGas(op);
        }
        return new InstructionSet(gas);
    }

    /** This set with the opcode present at the given static gas: a new opcode, or a repricing. */
    public InstructionSet with(int op, long gas) {
        if ((op & 0xff) != op || Opcodes.info(op) == null) {
            throw new IllegalArgumentException(String.format("no traits for opcode 0x%02x", op));
        }
        if (gas < 0 || gas > MAX_STATIC_GAS) {
            throw new IllegalArgumentException("static gas of " + Opcodes.name(op) + " out of range: " + gas);
        }
        long[] changed = staticGas.clone();
        changed[op] = gas;
        return new InstructionSet(changed);
    }

    /** Whether the opcode exists in this fork (undefined bytes and later opcodes do not). */
    public boolean has(int op) {
        return staticGas[op & 0xff] != ABSENT;
    }

    /** The opcode's static gas; dynamic costs come on top. */
    public long staticGas(int op) {
        long gas = staticGas[op & 0xff];
        if (gas == ABSENT) {
            throw new IllegalArgumentException(Opcodes.name(op) + " is not in this instruction set");
        }
        return gas;
    }

    /**
     * The packed entries the dispatch loop indexes by opcode (see the class comment). The array is
     * this set's own, read on every instruction without a copy: it must never be written.
     */
    public long[] dispatchEntries() {
        return entries;
    }

    /**
     * The dispatch entries with the instructions of {@code steps} marked as traced steps: what the
     * loop indexes while a tracer is attached, so that an instruction no tracer wants costs nothing
     * more than without one. A fresh array, the caller's own.
     */
    public long[] tracedEntries(OpcodeSet steps) {
        long[] traced = entries.clone();
        for (int op = 0; op < 256; op++) {
            if (steps.contains(op)) {
                traced[op] |= TRACED_STEP;
            }
        }
        return traced;
    }

    /** Whether a tracer's step hook runs before the instruction of this entry. */
    public static boolean isTracedStep(long entry) {
        return (int) entry < 0;
    }

    public static int minStack(long entry) {
        return (int) entry & 0xffff;
    }

    public static int stackRange(long entry) {
        return (int) (entry >>> 16) & 0x7fff;
    }

    public static long staticGasOf(long entry) {
        return entry >>> 32;
    }

    /**
     * Whether the stack height is outside the instruction's bounds (or the opcode undefined): one
     * unsigned comparison, as a height below the minimum wraps around to a large value.
     */
    public static boolean outOfStackBounds(long entry, int stackSize) {
        return Integer.compareUnsigned(stackSize - minStack(entry), stackRange(entry)) > 0;
    }

    private static long[] pack(long[] staticGas) {
        long[] entries = new long[256];
        for (int op = 0; op < 256; op++) {
            OpcodeInfo info = Opcodes.info(op);
            if (staticGas[op] == ABSENT || op == Opcodes.INVALID) {
                // INVALID (EIP-141) halts exactly as an undefined byte does, before the pc moves
                entries[op] = UNDEFINED;
                continue;
            }
            int min = info.stackIn();
            int max = STACK_LIMIT - Math.max(0, info.stackOut() - info.stackIn());
            entries[op] = (staticGas[op] << 32) | ((long) (max - min) << 16) | min;
        }
        return entries;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InstructionSet set && Arrays.equals(staticGas, set.staticGas);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(staticGas);
    }

    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", "InstructionSet[", "]");
        for (int op = 0; op < 256; op++) {
            if (has(op)) {
                text.add(Opcodes.name(op) + "=" + staticGas[op]);
            }
        }
        return text.toString();
    }
}
