package io.evmsim.evm.interpreter;

import static io.evmsim.evm.opcode.Opcodes.*;

import io.evmsim.evm.opcode.InstructionSet;
import io.evmsim.evm.trace.ExecutionTracer;
import io.evmsim.evm.word.WordBits;
import io.evmsim.evm.word.WordDivision;
import io.evmsim.evm.word.WordMath;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The dispatch loop: checks an instruction's stack bounds and static gas from the fork's
 * {@link InstructionSet}, then runs it; an attached tracer's step hook runs first, for the
 * instructions whose entry is marked (see {@link InstructionSet#tracedEntries}), so that the others
 * cost what they cost untraced. The program counter, stack height and gas live in locals while the
 * loop runs the frequent instructions inline (arithmetic in place on the flat stack, PUSH, DUP,
 * SWAP, jumps, MLOAD and MSTORE); the frame's fields are brought up to date only around the
 * instructions that run out of line ({@link OutOfLineOps}), around a tracer's step and when the
 * frame ends.
 */
final class Interpreter {
    private static final VarHandle LONG_BIG_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Interpreter() {
    }

    static void run(Frame f) {
        final byte[] code = f.code.paddedBytes();
        final int codeLength = f.bytecode.length;
        final long[] jumpDestinations = f.code.jumpDestinations();
        final long[] s = f.stack;
        final long[] entries = f.evm.dispatchEntries;
        final ExecutionTracer tracer = f.evm.tracer;
        final Memory memory = f.memory;
        final WordDivision division = f.evm.division;
        int pc = f.pc;
        int sp = f.sp;
        long gas = f.gas;
        while (true) {
            // past the end the padding reads as STOP (pc never passes it: PUSH32 moves 33 bytes)
            int op = code[pc] & 0xff;
            long entry = entries[op];
            if (InstructionSet.isTracedStep(entry)) {
                if (pc >= codeLength) {
                    break; // the implicit STOP at the end of code is not a step
                }
                f.pc = pc;
                f.sp = sp;
                f.gas = gas;
                tracer.onStep(f, op);
                if (!f.running) {
                    return; // the tracer interrupted the frame (a deadline): it halts where it stands
                }
            }
            if (InstructionSet.outOfStackBounds(entry, sp)) {
                halt(f, stackHalt(entry, sp), pc, sp);
                return;
            }
            gas -= InstructionSet.staticGasOf(entry);
            if (gas < 0) {
                halt(f, HaltReason.OUT_OF_GAS, pc, sp);
                return;
            }
            int a = (sp - 1) << 2;
            int b = a - 4;
            switch (op) {
                case STOP -> {
                    f.pc = pc;
                    f.sp = sp;
                    f.gas = gas;
                    f.running = false;
                    return;
                }
                case ADD -> { WordMath.add(s, a, b); sp--; pc++; }
                case MUL -> { WordMath.mul(s, a, b); sp--; pc++; }
                case SUB -> { WordMath.sub(s, a, b); sp--; pc++; }
                case DIV -> { division.div(s, a, b); sp--; pc++; }
                case SDIV -> { division.sdiv(s, a, b); sp--; pc++; }
                case MOD -> { division.mod(s, a, b); sp--; pc++; }
                case SMOD -> { division.smod(s, a, b); sp--; pc++; }
                case ADDMOD -> { division.addmod(s, a, b, b - 4); sp -= 2; pc++; }
                case MULMOD -> { division.mulmod(s, a, b, b - 4); sp -= 2; pc++; }
                case SIGNEXTEND -> { WordBits.signExtend(s, a, b); sp--; pc++; }
                case LT -> { WordBits.lt(s, a, b); sp--; pc++; }
                case GT -> { WordBits.gt(s, a, b); sp--; pc++; }
                case SLT -> { WordBits.slt(s, a, b); sp--; pc++; }
                case SGT -> { WordBits.sgt(s, a, b); sp--; pc++; }
                case EQ -> { WordBits.eq(s, a, b); sp--; pc++; }
                case ISZERO -> { WordBits.isZero(s, a); pc++; }
                case AND -> { WordBits.and(s, a, b); sp--; pc++; }
                case OR -> { WordBits.or(s, a, b); sp--; pc++; }
                case XOR -> { WordBits.xor(s, a, b); sp--; pc++; }
                case NOT -> { WordBits.not(s, a); pc++; }
                case BYTE -> { WordBits.byteAt(s, a, b); sp--; pc++; }
                case SHL -> { WordBits.shl(s, a, b); sp--; pc++; }
                case SHR -> { WordBits.shr(s, a, b); sp--; pc++; }
                case SAR -> { WordBits.sar(s, a, b); sp--; pc++; }
                case CLZ -> { WordBits.clz(s, a); pc++; }
                case POP -> { sp--; pc++; }
                case MLOAD, MSTORE -> {
                    long offset = WordMath.clampToLong(s, a);
                    gas = expandForWord(memory, offset, gas);
                    if (gas < 0) {
                        halt(f, HaltReason.OUT_OF_GAS, pc, sp);
                        return;
                    }
                    byte[] data = memory.data();
                    int o = (int) offset;
                    if (op == MLOAD) {
                        WordMath.set(s, a, (long) LONG_BIG_ENDIAN.get(data, o + 24),
                                (long) LONG_BIG_ENDIAN.get(data, o + 16), (long) LONG_BIG_ENDIAN.get(data, o + 8),
                                (long) LONG_BIG_ENDIAN.get(data, o));
                    } else {
                        LONG_BIG_ENDIAN.set(data, o, s[b + 3]);
                        LONG_BIG_ENDIAN.set(data, o + 8, s[b + 2]);
                        LONG_BIG_ENDIAN.set(data, o + 16, s[b + 1]);
                        LONG_BIG_ENDIAN.set(data, o + 24, s[b]);
                        sp -= 2;
                    }
                    pc++;
                }
                case JUMP -> {
                    long destination = WordMath.clampToLong(s, a);
                    if (!isJumpDestination(jumpDestinations, codeLength, destination)) {
                        halt(f, HaltReason.INVALID_JUMP, pc, sp);
                        return;
                    }
                    sp--;
                    pc = (int) destination;
                }
                case JUMPI -> {
                    if (WordMath.isZero(s, b)) {
                        pc++;
                    } else {
                        long destination = WordMath.clampToLong(s, a);
                        if (!isJumpDestination(jumpDestinations, codeLength, destination)) {
                            halt(f, HaltReason.INVALID_JUMP, pc, sp);
                            return;
                        }
                        pc = (int) destination;
                    }
                    sp -= 2;
                }
                case PC -> { WordMath.setLong(s, a + 4, pc); sp++; pc++; }
                case MSIZE -> { WordMath.setLong(s, a + 4, memory.size()); sp++; pc++; }
                case GAS -> { WordMath.setLong(s, a + 4, gas); sp++; pc++; }
                case JUMPDEST -> pc++;
                case PUSH0 -> { WordMath.setLong(s, a + 4, 0); sp++; pc++; }
                case PUSH1 -> { WordMath.setLong(s, a + 4, code[pc + 1] & 0xff); sp++; pc += 2; }
                case PUSH1 + 1, PUSH1 + 2, PUSH1 + 3, PUSH1 + 4, PUSH1 + 5, PUSH1 + 6, PUSH1 + 7 -> {
                    int n = op - PUSH1 + 1;
                    WordMath.setLong(s, a + 4, (long) LONG_BIG_ENDIAN.get(code, pc + 1) >>> (64 - 8 * n));
                    sp++;
                    pc += n + 1;
                }
                case PUSH1 + 8, PUSH1 + 9, PUSH1 + 10, PUSH1 + 11, PUSH1 + 12, PUSH1 + 13, PUSH1 + 14, PUSH1 + 15,
                        PUSH1 + 16, PUSH1 + 17, PUSH1 + 18, PUSH1 + 19, PUSH1 + 20, PUSH1 + 21, PUSH1 + 22,
                        PUSH1 + 23, PUSH1 + 24, PUSH1 + 25, PUSH1 + 26, PUSH1 + 27, PUSH1 + 28, PUSH1 + 29,
                        PUSH1 + 30, PUSH32 -> {
                    int n = op - PUSH1 + 1;
                    pushWide(s, a + 4, code, pc + 1, n);
                    sp++;
                    pc += n + 1;
                }
                case DUP1, DUP1 + 1, DUP1 + 2, DUP1 + 3, DUP1 + 4, DUP1 + 5, DUP1 + 6, DUP1 + 7, DUP1 + 8, DUP1 + 9,
                        DUP1 + 10, DUP1 + 11, DUP1 + 12, DUP1 + 13, DUP1 + 14, DUP16 -> {
                    int from = a - ((op - DUP1) << 2);
                    WordMath.set(s, a + 4, s[from], s[from + 1], s[from + 2], s[from + 3]);
                    sp++;
                    pc++;
                }
                case SWAP1, SWAP1 + 1, SWAP1 + 2, SWAP1 + 3, SWAP1 + 4, SWAP1 + 5, SWAP1 + 6, SWAP1 + 7, SWAP1 + 8,
                        SWAP1 + 9, SWAP1 + 10, SWAP1 + 11, SWAP1 + 12, SWAP1 + 13, SWAP1 + 14, SWAP16 -> {
                    swap(s, a, a - ((op - SWAP1 + 1) << 2));
                    pc++;
                }
                default -> {
                    f.pc = pc + 1;
                    f.sp = sp;
                    f.gas = gas;
                    OutOfLineOps.run(f, op);
                    if (!f.running) {
                        return;
                    }
                    pc = f.pc;
                    sp = f.sp;
                    gas = f.gas;
                }
            }
        }
        f.pc = pc;
        f.sp = sp;
        f.gas = gas;
        f.running = false;
    }

    /**
     * Halts the frame at the instruction at {@code pc}, with the stack as it was before it: what a
     * tracer's {@code onHalt} reads, whether or not it saw the step. A halt consumes all gas.
     */
    private static void halt(Frame f, HaltReason reason, int pc, int sp) {
        f.pc = pc;
        f.sp = sp;
        f.halt(reason);
    }

    /** Why an instruction that failed the stack-bounds check halts. */
    private static HaltReason stackHalt(long entry, int stackSize) {
        int min = InstructionSet.minStack(entry);
        if (min == InstructionSet.UNDEFINED) {
            return HaltReason.INVALID_OPCODE;
        }
        return stackSize < min ? HaltReason.STACK_UNDERFLOW : HaltReason.STACK_OVERFLOW;
    }

    /**
     * The gas left after growing memory to cover the word at {@code offset}: unchanged when it
     * already does, negative (and the memory untouched) when the expansion costs more than there is.
     */
    private static long expandForWord(Memory memory, long offset, long gas) {
        if (offset <= memory.size() - 32) { // no overflow: size is an int
            return gas;
        }
        long left = gas - memory.expansionCost(offset, 32);
        if (left >= 0) {
            memory.expand(offset, 32);
        }
        return left;
    }

    /** Whether a JUMP or JUMPI may land there: inside the code, on a JUMPDEST that is no PUSH data. */
    private static boolean isJumpDestination(long[] jumpDestinations, int codeLength, long destination) {
        return destination < codeLength && (jumpDestinations[(int) destination >>> 6] & (1L << destination)) != 0;
    }

    /** PUSH9 to PUSH32: the {@code n} immediate bytes from {@code start}, read as up to four limbs. */
    private static void pushWide(long[] s, int i, byte[] code, int start, int n) {
        int end = start + n;
        s[i] = (long) LONG_BIG_ENDIAN.get(code, end - 8);
        s[i + 1] = partialLimb(code, start, end - 8);
        s[i + 2] = partialLimb(code, start, end - 16);
        s[i + 3] = partialLimb(code, start, end - 24);
    }

    /** The limb whose last byte is at {@code end - 1}, keeping only bytes from {@code start}. */
    private static long partialLimb(byte[] code, int start, int end) {
        int bytes = end - start;
        if (bytes >= 8) {
            return (long) LONG_BIG_ENDIAN.get(code, end - 8);
        }
        return bytes <= 0 ? 0 : (long) LONG_BIG_ENDIAN.get(code, start) >>> (64 - 8 * bytes);
    }

    private static void swap(long[] s, int a, int b) {
        long t0 = s[a], t1 = s[a + 1], t2 = s[a + 2], t3 = s[a + 3];
        s[a] = s[b];
        s[a + 1] = s[b + 1];
        s[a + 2] = s[b + 2];
        s[a + 3] = s[b + 3];
        s[b] = t0;
        s[b + 1] = t1;
        s[b + 2] = t2;
        s[b + 3] = t3;
    }
}
