package io.evmsim.common.rlp;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.util.List;

/**
 * RLP encoding (Yellow Paper, appendix B). Every method returns a complete encoded item, so
 * encoded items can be collected and wrapped with {@link #encodeList(List)} without copying
 * through intermediate structures. Decoding is {@link RlpDecoder}.
 */
public final class Rlp {
    /** RLP of the empty byte string, also the encoding of the number zero. */
    public static final byte[] EMPTY_STRING = {(byte) 0x80};
    /** RLP of the empty list. */
    public static final byte[] EMPTY_LIST = {(byte) 0xc0};

    static final int STRING_OFFSET = 0x80;
    static final int LIST_OFFSET = 0xc0;
    /** Payloads up to 55 bytes carry their length in the prefix byte itself. */
    static final int SHORT_PAYLOAD_MAX = 55;

    private Rlp() {
    }

    /** A byte string; a single byte below 0x80 is its own encoding. */
    public static byte[] encodeBytes(byte[] bytes) {
        return encodeBytes(bytes, 0, bytes.length);
    }

    public static byte[] encodeBytes(byte[] bytes, int offset, int length) {
        if (length == 1 && (bytes[offset] & 0xff) < STRING_OFFSET) {
            return new byte[] {bytes[offset]};
        }
        byte[] out = new byte[headerLength(length) + length];
        int headerEnd = writeHeader(out, STRING_OFFSET, length);
        System.arraycopy(bytes, offset, out, headerEnd, length);
        return out;
    }

    /** A list whose items are already RLP-encoded. */
    public static byte[] encodeList(List<byte[]> encodedItems) {
        int payloadLength = 0;
        for (byte[] item : encodedItems) {
            payloadLength += item.length;
        }
        byte[] out = new byte[headerLength(payloadLength) + payloadLength];
        int position = writeHeader(out, LIST_OFFSET, payloadLength);
        for (byte[] item : encodedItems) {
            System.arraycopy(item, 0, out, position, item.length);
            position += item.length;
        }
        return out;
    }

    public static byte[] encodeList(byte[]... encodedItems) {
        return encodeList(List.of(encodedItems));
    }

    /** A non-negative number as minimal big-endian bytes (zero is the empty string). */
    public static byte[] encodeLong(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("RLP numbers are unsigned, got " + value);
        }
        return encodeUnsignedLong(value);
    }

    /** The 64 bits of {@code value} read as an unsigned number, as nonces and gas limits are. */
    public static byte[] encodeUnsignedLong(long value) {
        if (value >= 0 && value < STRING_OFFSET) {
            return value == 0 ? EMPTY_STRING.clone() : new byte[] {(byte) value};
        }
        int length = 8 - Long.numberOfLeadingZeros(value) / 8;
        byte[] out = new byte[1 + length];
        out[0] = (byte) (STRING_OFFSET + length);
        for (int i = 0; i < length; i++) {
            out[length - i] = (byte) (value >>> (8 * i));
        }
        return out;
    }

    public static byte[] encodeUInt256(UInt256 value) {
        if (value.fitsLong()) {
            return encodeUnsignedLong(value.toLong());
        }
        return encodeBytes(value.toMinimalBytes());
    }

    public static byte[] encodeAddress(Address address) {
        byte[] out = new byte[1 + Address.SIZE];
        out[0] = (byte) (STRING_OFFSET + Address.SIZE);
        address.copyTo(out, 1);
        return out;
    }

    public static byte[] encodeHash(Hash hash) {
        byte[] out = new byte[1 + Hash.SIZE];
        out[0] = (byte) (STRING_OFFSET + Hash.SIZE);
        hash.copyTo(out, 1);
        return out;
    }

    /** Bytes of the header for a payload of this length. */
    static int headerLength(int payloadLength) {
        return payloadLength <= SHORT_PAYLOAD_MAX ? 1 : 1 + byteCount(payloadLength);
    }

    /** Writes the header at the start of {@code out} and returns where the payload begins. */
    private static int writeHeader(byte[] out, int offset, int payloadLength) {
        if (payloadLength <= SHORT_PAYLOAD_MAX) {
            out[0] = (byte) (offset + payloadLength);
            return 1;
        }
        int lengthBytes = byteCount(payloadLength);
        out[0] = (byte) (offset + SHORT_PAYLOAD_MAX + lengthBytes);
        for (int i = 0; i < lengthBytes; i++) {
            out[lengthBytes - i] = (byte) (payloadLength >>> (8 * i));
        }
        return 1 + lengthBytes;
    }

    private static int byteCount(int value) {
        return 4 - Integer.numberOfLeadingZeros(value) / 8;
    }
}
