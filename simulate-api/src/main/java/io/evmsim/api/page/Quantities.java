package io.evmsim.api.page;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/** Numbers as a person reads them: grouped digits, wei as ether, hex quantities as decimal. */
final class Quantities {
    private static final int ETHER_DECIMALS = 18;

    private Quantities() {
    }

    /** A {@code 0x} hex quantity or a decimal integer (negative allowed); null when {@code text} is neither. */
    static BigInteger parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return text.length() == 2 ? BigInteger.ZERO : new BigInteger(text.substring(2), 16);
            }
            return new BigInteger(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code 16777216} as {@code 16,777,216}. */
    static String grouped(BigInteger value) {
        return grouped(value.toString());
    }

    static String grouped(long value) {
        return grouped(Long.toString(value));
    }

    /** Commas between groups of three digits (a page groups thousands of numbers: no {@code String.format}). */
    private static String grouped(String digits) {
        int sign = digits.startsWith("-") ? 1 : 0;
        int length = digits.length() - sign;
        if (length <= 3) {
            return digits;
        }
        StringBuilder out = new StringBuilder(digits.length() + length / 3).append(digits, 0, sign);
        int head = length % 3 == 0 ? 3 : length % 3;
        out.append(digits, sign, sign + head);
        for (int i = sign + head; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
    }

    /** A percentage with three decimals for a CSS width: {@code 12.345}. */
    static String width(double percent) {
        long thousandths = Math.round(percent * 1000);
        String fraction = Long.toString(1000 + thousandths % 1000).substring(1);
        return thousandths / 1000 + "." + fraction;
    }

    /** An amount in units of {@code 10^-decimals}, as a plain decimal without trailing zeros: {@code 1.5}. */
    static String scaled(BigInteger amount, int decimals) {
        BigDecimal value = new BigDecimal(amount, decimals).stripTrailingZeros();
        return (value.signum() == 0 ? BigDecimal.ZERO : value).toPlainString();
    }

    /** Wei as ether: {@code 0.000021 ETH}. */
    static String ether(BigInteger wei) {
        return scaled(wei, ETHER_DECIMALS) + " ETH";
    }

    /** {@code +} before a positive change, as a balance sheet writes it. */
    static String signed(String amount) {
        return amount.startsWith("-") ? "\u2212" + amount.substring(1) : "+" + amount;
    }

    /** A share of a whole, one decimal: {@code 0.1%}; {@code -} of nothing. */
    static String percent(long part, long whole) {
        return whole <= 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
