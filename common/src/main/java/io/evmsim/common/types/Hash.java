package io.evmsim.common.types;

import io.evmsim.common.bytes.Hex;
import java.util.Arrays;

/** A 32-byte hash (Keccak-256 output, block hash, code hash). Immutable. */
public final class Hash implements Comparable<Hash> {
    public static final int SIZE = 32;
    public static final Hash ZERO = new Hash(new byte[SIZE]);
    /** Keccak-256 of the empty byte string: the code hash of an account without code. */
    public static final Hash EMPTY_CODE = fromHex("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    /** The root of an empty Merkle-Patricia trie: Keccak-256 of RLP(""). */
    public static final Hash EMPTY_TRIE = fromHex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

    private final byte[] bytes;
    private final int hash;

    private Hash(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Takes ownership of a 32-byte array: the caller must not change it afterwards. */
    public static Hash wrap(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("a hash has 32 bytes, got " + bytes.length);
        }
        return new Hash(bytes);
    }

    public static Hash fromHex(String hex) {
        byte[] decoded = Hex.decode(hex);
        if (decoded.length != SIZE) {
            throw new IllegalArgumentException("a hash has 32 bytes, got " + decoded.length + ": " + hex);
        }
        return new Hash(decoded);
    }

    public byte[] toArray() {
        return bytes.clone();
    }

    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, SIZE);
    }

    public UInt256 toWord() {
        return UInt256.fromBytes(bytes, 0, SIZE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Hash o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return Hex.encode(bytes);
    }
}
