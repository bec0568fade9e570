package io.evmsim.common.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UInt256Test {
    private static final BigInteger MOD = BigInteger.ONE.shiftLeft(256);

    @Test
    void addAndSubWrapAroundLikeBigInteger() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            BigInteger a = randomWord(random);
            BigInteger b = randomWord(random);
            UInt256 x = UInt256.fromBigInteger(a);
            UInt256 y = UInt256.fromBigInteger(b);
            assertEquals(a.add(b).mod(MOD), x.add(y).toBigInteger());
            assertEquals(a.subtract(b).mod(MOD), x.sub(y).toBigInteger());
            assertEquals(a.compareTo(b), Integer.signum(x.compareTo(y)));
            assertEquals(a.add(b).bitLength() > 256, x.addOverflows(y));
        }
    }

    @Test
    void parsesHexAndDecimalQuantities() {
        assertEquals(UInt256.valueOf(255), UInt256.parse("0xff"));
        assertEquals(UInt256.valueOf(255), UInt256.parse("255"));
        assertEquals(UInt256.ZERO, UInt256.parse("0x"));
        assertEquals(UInt256.MAX, UInt256.parse("0x" + "f".repeat(64)));
        assertEquals(UInt256.ONE, UInt256.parse("0x" + "0".repeat(70) + "1"));
        assertThrows(IllegalArgumentException.class, () -> UInt256.parse("0x1" + "0".repeat(64)));
    }

    @Test
    void minimalBytesDropLeadingZeros() {
        assertArrayEquals(new byte[0], UInt256.ZERO.toMinimalBytes());
        assertArrayEquals(new byte[] {1, 0}, UInt256.valueOf(256).toMinimalBytes());
        assertEquals(9, UInt256.valueOf(256).bitLength());
    }

    @Test
    void multiplyExactReportsOverflow() {
        assertNull(UInt256.MAX.multiplyExact(2));
        assertEquals(UInt256.valueOf(6), UInt256.valueOf(3).multiplyExact(2));
        assertTrue(UInt256.MAX.mul(UInt256.MAX).equals(UInt256.ONE));
    }

    private static BigInteger randomWord(Random random) {
        return new BigInteger(random.nextInt(257), random);
    }
}
