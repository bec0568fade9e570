package io.evmsim.common.types;

import io.evmsim.common.bytes.Hex;
import java.util.Arrays;

/** A 20-byte account address. Immutable. */
public final class Address implements Comparable<Address> {
    public static final int SIZE = 20;
    public static final Address ZERO = new Address(new byte[SIZE]);

    private final byte[] bytes;
    private final int hash;

    private Address(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    public static Address wrap(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("an address has 20 bytes, got " + bytes.length);
        }
        return new Address(bytes.clone());
    }

    /** The last 20 bytes of a 32-byte word, as the EVM reads an address from the stack. */
    public static Address fromWordBytes(byte[] word32, int offset) {
        return new Address(Arrays.copyOfRange(word32, offset + 12, offset + 32));
    }

    public static Address fromHex(String hex) {
        byte[] decoded = Hex.decode(hex);
        if (decoded.length > SIZE) {
            throw new IllegalArgumentException("an address has 20 bytes, got " + decoded.length + ": " + hex);
        }
        byte[] padded = new byte[SIZE];
        System.arraycopy(decoded, 0, padded, SIZE - decoded.length, decoded.length);
        return new Address(padded);
    }

    /** A low address such as a precompile's: {@code fromLong(1)} is 0x00..01. */
    public static Address fromLong(long value) {
        byte[] b = new byte[SIZE];
        for (int i = 0; i < 8; i++) {
            b[SIZE - 1 - i] = (byte) (value >>> (8 * i));
        }
        return new Address(b);
    }

    /** A copy of the 20 bytes. */
    public byte[] toArray() {
        return bytes.clone();
    }

    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, SIZE);
    }

    public byte get(int index) {
        return bytes[index];
    }

    public UInt256 toWord() {
        return UInt256.fromBytes(bytes, 0, SIZE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Address o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return Hex.encode(bytes);
    }
}
