package io.evmsim.evm.interpreter;

import static io.evmsim.evm.opcode.Opcodes.PUSH1;

import io.evmsim.common.types.Address;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** A tiny bytecode assembler for tests: PUSHes with exact widths, opcodes and jump labels. */
public final class Asm {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static Asm code() {
        return new Asm();
    }

    /** The smallest PUSH1..PUSH32 holding {@code value} (PUSH1 for zero, never PUSH0): always 3 gas. */
    public Asm push(long value) {
        return push(new BigInteger(Long.toUnsignedString(value)));
    }

    public Asm push(BigInteger value) {
        byte[] raw = value.toByteArray();
        int start = raw.length > 1 && raw[0] == 0 ? 1 : 0;
        int length = raw.length - start;
        if (length > 32 || value.signum() < 0) {
            throw new IllegalArgumentException("not a 256-bit word: " + value);
        }
        out.write(PUSH1 + length - 1);
        out.write(raw, start, length);
        return this;
    }

    /** PUSHn with exactly {@code n} bytes of the value (big-endian, truncated or zero-padded on the left). */
    public Asm pushN(int n, BigInteger value) {
        out.write(PUSH1 + n - 1);
        for (int k = n - 1; k >= 0; k--) {
            out.write(value.shiftRight(8 * k).intValue() & 0xff);
        }
        return this;
    }

    public Asm push(Address address) {
        return pushN(20, address.toWord().toBigInteger());
    }

    public Asm op(int... opcodes) {
        for (int op : opcodes) {
            out.write(op);
        }
        return this;
    }

    public Asm raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** The position of the next byte written. */
    public int pc() {
        return out.size();
    }

    /** Copies the 32-byte word on top of the stack to memory[0..32] and returns it. */
    public Asm returnTop() {
        return op(0x5f, 0x52).push(32).op(0x5f, 0xf3); // PUSH0 MSTORE PUSH1 32 PUSH0 RETURN
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    /** The code as a PUSH-less byte array starting with {@code bytes}: for raw sequences. */
    public static byte[] of(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int k = 0; k < bytes.length; k++) {
            b[k] = (byte) bytes[k];
        }
        return b;
    }
}
