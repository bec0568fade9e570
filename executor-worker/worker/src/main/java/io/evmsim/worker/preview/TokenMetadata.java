package io.evmsim.worker.preview;

import io.evmsim.common.types.UInt256;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a token contract says of itself: ERC-20's optional {@code symbol()}, {@code name()} and
 * {@code decimals()} (EIP-20 marks all three OPTIONAL), ERC-721's and many ERC-1155 collections'
 * {@code name()} and {@code symbol()}. Each is null when the contract lacks it or answers something
 * that is not one.
 */
public record TokenMetadata(String symbol, String name, Integer decimals) {
    /** A string is at most this long; a longer answer is not taken as a name. */
    private static final int MAX_TEXT_BYTES = 256;
    static final TokenMetadata NONE = new TokenMetadata(null, null, null);
    /** The chain's own currency, which no contract describes. */
    public static final TokenMetadata ETHER = new TokenMetadata("ETH", "Ether", 18);

    public boolean isEmpty() {
        return symbol == null && name == null && decimals == null;
    }

    /**
     * {@code amount} in whole tokens by {@code decimals}, trailing zeros dropped ("1.5"); null without
     * decimals.
     */
    public String format(BigInteger amount) {
        if (decimals == null) {
            return null;
        }
        BigDecimal whole = new BigDecimal(amount, decimals).stripTrailingZeros();
        return whole.scale() < 0 ? whole.setScale(0).toPlainString() : whole.toPlainString();
    }

    /** {@code symbol} or, without one, a short form of the token's address. */
    String label(String address) {
        return symbol != null ? symbol : Addresses.shortForm(address);
    }

    /**
     * A {@code string} return (ABI-encoded: offset, length, bytes) or a {@code bytes32} one, as
     * MKR's {@code symbol()} returns (the text left-aligned, padded with zeros). Null when neither,
     * or when the bytes are not UTF-8 text.
     */
    static String text(byte[] output) {
        if (output == null || output.length < 32) {
            return null;
        }
        if (output.length == 32) {
            int end = 0;
            while (end < 32 && output[end] != 0) {
                end++;
            }
            for (int i = end; i < 32; i++) {
                if (output[i] != 0) {
                    return null; // not zero-padded text
                }
            }
            return end == 0 ? null : utf8(Arrays.copyOf(output, end));
        }
        UInt256 offset = UInt256.fromBytes(output, 0, 32);
        if (!offset.fitsLong() || offset.toLong() > output.length - 32) {
            return null;
        }
        int start = (int) offset.toLong();
        UInt256 length = UInt256.fromBytes(output, start, 32);
        if (!length.fitsLong() || length.toLong() > MAX_TEXT_BYTES || start + 32 + length.toLong() > output.length) {
            return null;
        }
        return utf8(Arrays.copyOfRange(output, start + 32, start + 32 + (int) length.toLong()));
    }

    /** A {@code uint8} return: one word holding at most 255. */
    static Integer decimals(byte[] output) {
        if (output == null || output.length < 32) {
            return null;
        }
        UInt256 value = UInt256.fromBytes(output, 0, 32);
        return value.fitsLong() && value.toLong() <= 255 ? (int) value.toLong() : null;
    }

    private static String utf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.isBlank() || text.chars().anyMatch(Character::isISOControl) ? null : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
