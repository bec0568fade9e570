package io.evmsim.evm.interpreter;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.opcode.InstructionSet;
import io.evmsim.evm.state.Account;
import io.evmsim.evm.state.Code;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * One executing call frame: the message, the stack (a flat preallocated array of 256-bit words as
 * four longs each), memory, program counter, gas and the last call's return data. Fields are
 * package-private for the instruction families; nothing here allocates per instruction.
 */
public final class Frame {
    public static final int MAX_STACK = InstructionSet.STACK_LIMIT;
    private static final byte[] NO_DATA = new byte[0];
    private static final VarHandle LONG_BIG_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    final Message message;
    final Evm evm;
    final Account account;
    final Code code;
    final byte[] bytecode;
    final long[] stack;
    final Memory memory;
    /** Number of items on the stack. */
    int sp;
    int pc;
    long gas;
    byte[] returnData = NO_DATA;
    byte[] output = NO_DATA;
    HaltReason halt;
    boolean reverted;
    boolean running = true;

    Frame(Message message, Evm evm, Account account, long[] stack, Memory memory) {
        this.message = message;
        this.evm = evm;
        this.account = account;
        this.code = message.code();
        this.bytecode = code.bytes();
        this.stack = stack;
        this.memory = memory;
        this.gas = message.gas();
    }

    public Message message() {
        return message;
    }

    public int pc() {
        return pc;
    }

    public long gas() {
        return gas;
    }

    public int stackSize() {
        return sp;
    }

    public int depth() {
        return message.depth();
    }

    /** The stack item {@code n} places below the top (0 = top), for tracers. */
    public UInt256 peek(int n) {
        int i = (sp - 1 - n) * 4;
        return UInt256.of(stack[i], stack[i + 1], stack[i + 2], stack[i + 3]);
    }

    public Memory memory() {
        return memory;
    }

    /** The return data of the frame's last call or creation (what RETURNDATACOPY reads), for tracers. */
    public byte[] returnData() {
        return returnData;
    }

    public Address recipient() {
        return message.recipient();
    }

    /** The exceptional halt the frame ended with, or null while it runs or when it ended normally. */
    public HaltReason haltReason() {
        return halt;
    }

    /**
     * Stops the frame as an exceptional halt ({@link HaltReason#INTERRUPTED}) once the current
     * instruction is done: how a tracer enforces a wall-clock deadline without a check in the
     * dispatch loop. Its callers see a failed call and are stopped at their next step.
     */
    public void interrupt() {
        halt(HaltReason.INTERRUPTED);
    }

    // ---- helpers for the instruction families ----------------------------------------------

    /** Index of the top item's limbs. */
    int top() {
        return (sp - 1) << 2;
    }

    /** Index of the item {@code n} below the top. */
    int at(int n) {
        return (sp - 1 - n) << 2;
    }

    void pushLong(long value) {
        int i = sp << 2;
        stack[i] = value;
        stack[i + 1] = 0;
        stack[i + 2] = 0;
        stack[i + 3] = 0;
        sp++;
    }

    void push(UInt256 value) {
        int i = sp << 2;
        stack[i] = value.w0;
        stack[i + 1] = value.w1;
        stack[i + 2] = value.w2;
        stack[i + 3] = value.w3;
        sp++;
    }

    void pushAddress(Address address) {
        pushBytes(toWordBytes(address), 0, 32);
    }

    /** Pushes big-endian bytes (at most 32) as an unsigned word. */
    void pushBytes(byte[] source, int offset, int length) {
        int i = sp << 2;
        int end = offset + length;
        long[] st = stack;
        st[i] = readLimb(source, Math.max(offset, end - 8), end);
        st[i + 1] = length > 8 ? readLimb(source, Math.max(offset, end - 16), end - 8) : 0;
        st[i + 2] = length > 16 ? readLimb(source, Math.max(offset, end - 24), end - 16) : 0;
        st[i + 3] = length > 24 ? readLimb(source, offset, end - 24) : 0;
        sp++;
    }

    /** Up to eight big-endian bytes {@code [from, to)} as a long. */
    private static long readLimb(byte[] source, int from, int to) {
        if (to - from == 8) {
            return (long) LONG_BIG_ENDIAN.get(source, from);
        }
        long v = 0;
        for (int k = from; k < to; k++) {
            v = (v << 8) | (source[k] & 0xff);
        }
        return v;
    }

    UInt256 pop() {
        sp--;
        int i = sp << 2;
        return UInt256.of(stack[i], stack[i + 1], stack[i + 2], stack[i + 3]);
    }

    /** Pops a word that must be a memory offset or size; saturates at {@link Long#MAX_VALUE}. */
    long popClamped() {
        sp--;
        int i = sp << 2;
        return (stack[i + 1] | stack[i + 2] | stack[i + 3]) == 0 && stack[i] >= 0 ? stack[i] : Long.MAX_VALUE;
    }

    Address popAddress() {
        sp--;
        int i = sp << 2;
        byte[] b = new byte[Address.SIZE];
        putLong(b, 0, stack[i + 2], 4);
        putLong(b, 4, stack[i + 1], 8);
        putLong(b, 12, stack[i], 8);
        return Address.wrap(b);
    }

    /** Writes the word at stack index {@code i} as 32 big-endian bytes. */
    void writeWord(int i, byte[] target, int offset) {
        LONG_BIG_ENDIAN.set(target, offset, stack[i + 3]);
        LONG_BIG_ENDIAN.set(target, offset + 8, stack[i + 2]);
        LONG_BIG_ENDIAN.set(target, offset + 16, stack[i + 1]);
        LONG_BIG_ENDIAN.set(target, offset + 24, stack[i]);
    }

    /** Charges gas; false (and the frame halts out of gas) when there is not enough. */
    boolean charge(long cost) {
        if (cost > gas) {
            halt(HaltReason.OUT_OF_GAS);
            return false;
        }
        gas -= cost;
        return true;
    }

    /** Charges memory expansion for the range and expands; false when out of gas. */
    boolean chargeMemory(long offset, long length) {
        long cost = memory.expansionCost(offset, length);
        if (cost != 0) {
            if (!charge(cost)) {
                return false;
            }
            memory.expand(offset, length);
        }
        return true;
    }

    void halt(HaltReason reason) {
        halt = reason;
        running = false;
    }

    private static byte[] toWordBytes(Address address) {
        byte[] word = new byte[32];
        address.copyTo(word, 12);
        return word;
    }

    private static void putLong(byte[] target, int offset, long value, int bytes) {
        for (int k = 0; k < bytes; k++) {
            target[offset + k] = (byte) (value >>> (8 * (bytes - 1 - k)));
        }
    }
}
