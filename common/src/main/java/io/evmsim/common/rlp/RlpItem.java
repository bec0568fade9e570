package io.evmsim.common.rlp;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.util.Arrays;
import java.util.List;

/**
 * One decoded RLP item: either a byte string or a list of items. It is a view over the decoded
 * input (which {@link RlpDecoder} copies once), so the accessors copy out what they return.
 */
public final class RlpItem {
    private final byte[] source;
    private final int start;
    private final int payloadStart;
    private final int end;
    private final List<RlpItem> items;

    private RlpItem(byte[] source, int start, int payloadStart, int end, List<RlpItem> items) {
        this.source = source;
        this.start = start;
        this.payloadStart = payloadStart;
        this.end = end;
        this.items = items;
    }

    static RlpItem string(byte[] source, int start, int payloadStart, int end) {
        return new RlpItem(source, start, payloadStart, end, null);
    }

    static RlpItem list(byte[] source, int start, int payloadStart, int end, List<RlpItem> items) {
        return new RlpItem(source, start, payloadStart, end, List.copyOf(items));
    }

    public boolean isList() {
        return items != null;
    }

    /** The payload of a byte string. */
    public byte[] bytes() {
        requireString("bytes");
        return Arrays.copyOfRange(source, payloadStart, end);
    }

    /** The length of a byte string's payload. */
    public int byteLength() {
        requireString("byteLength");
        return end - payloadStart;
    }

    public boolean isEmptyString() {
        return items == null && payloadStart == end;
    }

    public List<RlpItem> items() {
        requireList("items");
        return items;
    }

    public int size() {
        requireList("size");
        return items.size();
    }

    public RlpItem get(int index) {
        requireList("get");
        return items.get(index);
    }

    /** The item's complete encoding, header included. */
    public byte[] encoded() {
        return Arrays.copyOfRange(source, start, end);
    }

    public int encodedLength() {
        return end - start;
    }

    /** A number of at most 63 bits (the non-negative range of a long). */
    public long asLong() {
        long value = asUnsignedLong();
        if (value < 0) {
            throw new RlpException("number " + Long.toUnsignedString(value) + " exceeds 2^63-1");
        }
        return value;
    }

    /** A number of at most 64 bits; the result is to be read as unsigned (Long.compareUnsigned). */
    public long asUnsignedLong() {
        int length = numberLength(8);
        long value = 0;
        for (int i = payloadStart; i < payloadStart + length; i++) {
            value = (value << 8) | (source[i] & 0xff);
        }
        return value;
    }

    public UInt256 asUInt256() {
        return UInt256.fromBytes(source, payloadStart, numberLength(32));
    }

    /** Exactly 20 bytes. */
    public Address asAddress() {
        requireLength(Address.SIZE, "an address");
        return Address.wrap(bytes());
    }

    /** Exactly 32 bytes. */
    public Hash asHash() {
        requireLength(Hash.SIZE, "a hash");
        return Hash.wrap(bytes());
    }

    /** Numbers are minimal big-endian: no leading zero byte, zero is the empty string. */
    private int numberLength(int maxBytes) {
        requireString("a number");
        int length = end - payloadStart;
        if (length > maxBytes) {
            throw new RlpException("number of " + length + " bytes exceeds " + maxBytes + " bytes");
        }
        if (length > 0 && source[payloadStart] == 0) {
            throw new RlpException("non-canonical number with a leading zero byte: " + this);
        }
        return length;
    }

    private void requireLength(int expected, String what) {
        requireString(what);
        if (end - payloadStart != expected) {
            throw new RlpException(what + " has " + expected + " bytes, got " + (end - payloadStart));
        }
    }

    private void requireString(String what) {
        if (items != null) {
            throw new RlpException("expected a byte string for " + what + ", got a list of " + items.size() + " items");
        }
    }

    private void requireList(String what) {
        if (items == null) {
            throw new RlpException("expected a list for " + what + ", got a byte string of " + (end - payloadStart)
                    + " bytes");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RlpItem other
                && Arrays.equals(source, start, end, other.source, other.start, other.end);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = start; i < end; i++) {
            h = 31 * h + source[i];
        }
        return h;
    }

    /** Strings as hex, lists as bracketed items: a debugging aid. */
    @Override
    public String toString() {
        if (items == null) {
            return Hex.encode(Arrays.copyOfRange(source, payloadStart, end));
        }
        return items.toString();
    }
}
