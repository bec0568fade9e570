package io.evmsim.common.rlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Strict RLP decoding: exactly one item must fill the input, and only the canonical encoding of
 * each item is accepted (a single byte below 0x80 is never wrapped in a string header, lengths up
 * to 55 use the short form, long-form lengths have no leading zero). Every encoding thus has one
 * decoding and re-encodes to the same bytes, which transaction hashes rely on.
 */
public final class RlpDecoder {
    private static final int LONG_STRING_BASE = Rlp.STRING_OFFSET + Rlp.SHORT_PAYLOAD_MAX; // 0xb7
    private static final int LONG_LIST_BASE = Rlp.LIST_OFFSET + Rlp.SHORT_PAYLOAD_MAX; // 0xf7
    /**
     * Ethereum's structures nest a handful of levels deep; the limit keeps hostile input (a
     * megabyte of nested list headers) from exhausting the stack.
     */
    static final int MAX_NESTING = 256;

    private final byte[] input;

    private RlpDecoder(byte[] input) {
        this.input = input;
    }

    /** Decodes a single item that must span the whole input. */
    public static RlpItem decode(byte[] encoded) {
        return decode(encoded, 0, encoded.length);
    }

    public static RlpItem decode(byte[] encoded, int offset, int length) {
        if (length == 0) {
            throw new RlpException("empty input");
        }
        byte[] copy = Arrays.copyOfRange(encoded, offset, offset + length);
        RlpItem item = new RlpDecoder(copy).readItem(0, copy.length, 0);
        if (item.encodedLength() != copy.length) {
            throw new RlpException((copy.length - item.encodedLength()) + " trailing bytes after the item ending at offset "
                    + item.encodedLength());
        }
        return item;
    }

    /** Reads the item starting at {@code position}, which must end by {@code limit}. */
    private RlpItem readItem(int position, int limit, int depth) {
        if (depth > MAX_NESTING) {
            throw new RlpException("lists nested more than " + MAX_NESTING + " deep at offset " + position);
        }
        int prefix = input[position] & 0xff;
        if (prefix < Rlp.STRING_OFFSET) {
            return RlpItem.string(input, position, position, position + 1);
        }
        if (prefix < Rlp.LIST_OFFSET) {
            boolean longForm = prefix > LONG_STRING_BASE;
            int payloadStart = longForm ? position + 1 + (prefix - LONG_STRING_BASE) : position + 1;
            int payloadLength = longForm ? readLongLength(position, prefix - LONG_STRING_BASE, limit)
                    : prefix - Rlp.STRING_OFFSET;
            int end = checkedEnd(position, payloadStart, payloadLength, limit);
            if (payloadLength == 1 && (input[payloadStart] & 0xff) < Rlp.STRING_OFFSET) {
                throw new RlpException("non-canonical single byte 0x" + String.format("%02x", input[payloadStart] & 0xff)
                        + " encoded as a string at offset " + position);
            }
            return RlpItem.string(input, position, payloadStart, end);
        }
        boolean longForm = prefix > LONG_LIST_BASE;
        int payloadStart = longForm ? position + 1 + (prefix - LONG_LIST_BASE) : position + 1;
        int payloadLength = longForm ? readLongLength(position, prefix - LONG_LIST_BASE, limit)
                : prefix - Rlp.LIST_OFFSET;
        int end = checkedEnd(position, payloadStart, payloadLength, limit);
        List<RlpItem> items = new ArrayList<>();
        int cursor = payloadStart;
        while (cursor < end) {
            RlpItem item = readItem(cursor, end, depth + 1);
            items.add(item);
            cursor += item.encodedLength();
        }
        return RlpItem.list(input, position, payloadStart, end, items);
    }

    private int readLongLength(int position, int lengthBytes, int limit) {
        if (position + 1 + lengthBytes > limit) {
            throw new RlpException("length of " + lengthBytes + " bytes at offset " + position + " runs past the end");
        }
        if (input[position + 1] == 0) {
            throw new RlpException("non-canonical length with a leading zero byte at offset " + position);
        }
        if (lengthBytes > 4) {
            throw new RlpException("length of " + lengthBytes + " bytes at offset " + position + " is too large");
        }
        long length = 0;
        for (int i = 0; i < lengthBytes; i++) {
            length = (length << 8) | (input[position + 1 + i] & 0xff);
        }
        if (length <= Rlp.SHORT_PAYLOAD_MAX) {
            throw new RlpException("non-canonical long form for a payload of " + length + " bytes at offset "
                    + position);
        }
        if (length > Integer.MAX_VALUE) {
            throw new RlpException("payload of " + length + " bytes at offset " + position + " is too large");
        }
        return (int) length;
    }

    private static int checkedEnd(int position, int payloadStart, int payloadLength, int limit) {
        long end = (long) payloadStart + payloadLength;
        if (end > limit) {
            throw new RlpException("payload of " + payloadLength + " bytes at offset " + position
                    + " runs past the end (" + (end - limit) + " bytes missing)");
        }
        return (int) end;
    }
}
