package io.evmsim.evm.decode;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reading ABI-encoded words, with every offset and length checked against the data. */
final class AbiWords {
    private AbiWords() {
    }

    /** The word at byte {@code offset}, or null when the data ends first. */
    static UInt256 word(byte[] data, int offset) {
        if (offset < 0 || offset > data.length - 32) {
            return null;
        }
        return UInt256.fromBytes(data, offset, 32);
    }

    /** The address in the low 20 bytes of a word, or null when the word is missing or not an address. */
    static Address address(byte[] data, int offset) {
        UInt256 w = word(data, offset);
        if (w == null || w.bitLength() > 160) {
            return null;
        }
        return Address.fromWordBytes(data, offset);
    }

    /** An index or length that must fit an int, or -1. */
    static int smallInt(byte[] data, int offset) {
        UInt256 w = word(data, offset);
        return w == null || w.bitLength() > 31 ? -1 : (int) w.toLong();
    }

    /** The dynamic {@code string} whose head is at {@code headOffset}; null when malformed. */
    static String string(byte[] data, int headOffset) {
        byte[] bytes = dynamicBytes(data, headOffset);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** A dynamic {@code bytes} or {@code string} payload; null when malformed. */
    static byte[] dynamicBytes(byte[] data, int headOffset) {
        int offset = smallInt(data, headOffset);
        if (offset < 0) {
            return null;
        }
        int length = smallInt(data, offset);
        if (length < 0 || (long) offset + 32 + length > data.length) {
            return null;
        }
        return Arrays.copyOfRange(data, offset + 32, offset + 32 + length);
    }

    /** A dynamic {@code uint256[]} whose head is at {@code headOffset}; null when malformed. */
    static UInt256[] uintArray(byte[] data, int headOffset) {
        int offset = smallInt(data, headOffset);
        if (offset < 0) {
            return null;
        }
        int length = smallInt(data, offset);
        if (length < 0 || (long) offset + 32 + 32L * length > data.length) {
            return null;
        }
        UInt256[] values = new UInt256[length];
        for (int i = 0; i < length; i++) {
            values[i] = UInt256.fromBytes(data, offset + 32 + 32 * i, 32);
        }
        return values;
    }
}
