package io.evmsim.common.bytes;

/** Hexadecimal text for byte arrays, with or without the {@code 0x} prefix. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /** Lower-case hex with a {@code 0x} prefix. */
    public static String encode(byte[] bytes) {
        return "0x" + encodeBare(bytes, 0, bytes.length);
    }

    public static String encodeBare(byte[] bytes, int offset, int length) {
        char[] out = new char[length * 2];
        for (int i = 0; i < length; i++) {
            int b = bytes[offset + i] & 0xff;
            out[2 * i] = DIGITS[b >>> 4];
            out[2 * i + 1] = DIGITS[b & 0x0f];
        }
        return new String(out);
    }

    /**
     * Decodes hex text, with or without {@code 0x}. An odd number of digits is read as if a
     * leading zero were present, as JSON-RPC quantities are.
     *
     * @throws IllegalArgumentException naming the offending character
     */
    public static byte[] decode(CharSequence text) {
        int start = hasPrefix(text) ? 2 : 0;
        int digits = text.length() - start;
        byte[] out = new byte[(digits + 1) / 2];
        int outIndex = out.length - 1;
        for (int i = text.length() - 1; i >= start; i -= 2) {
            int low = digit(text, i);
            int high = i - 1 >= start ? digit(text, i - 1) : 0;
            out[outIndex--] = (byte) ((high << 4) | low);
        }
        return out;
    }

    public static boolean hasPrefix(CharSequence text) {
        return text.length() >= 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X');
    }

    private static int digit(CharSequence text, int index) {
        char c = text.charAt(index);
        int value = Character.digit(c, 16);
        if (value < 0) {
            throw new IllegalArgumentException("invalid hex character '" + c + "' at position " + index);
        }
        return value;
    }
}
