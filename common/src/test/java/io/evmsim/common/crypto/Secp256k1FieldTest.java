package io.evmsim.common.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Field arithmetic mod p against BigInteger, on random elements, on the carry-prone edges and on
 * the weakly reduced representatives in [p, 2^256).
 */
class Secp256k1FieldTest {
    private static final BigInteger P = BigInteger.TWO.pow(256).subtract(BigInteger.TWO.pow(32)).subtract(BigInteger.valueOf(977));

    @Test
    void agreesWithBigIntegerArithmetic() {
        List<BigInteger> values = samples();
        for (BigInteger a : values) {
            for (BigInteger b : values) {
                long[] r = new long[4];
                Secp256k1Field.mul(r, limbs(a), limbs(b));
                assertArrayEquals(limbs(a.multiply(b).mod(P)), Secp256k1Field.reduced(r), () -> "mul " + a.toString(16) + " " + b.toString(16));
                Secp256k1Field.add(r, limbs(a), limbs(b));
                assertArrayEquals(limbs(a.add(b).mod(P)), Secp256k1Field.reduced(r), () -> "add " + a.toString(16) + " " + b.toString(16));
                Secp256k1Field.sub(r, limbs(a), limbs(b));
                assertArrayEquals(limbs(a.subtract(b).mod(P)), Secp256k1Field.reduced(r), () -> "sub " + a.toString(16) + " " + b.toString(16));
            }
            long[] r = new long[4];
            Secp256k1Field.square(r, limbs(a));
            assertArrayEquals(limbs(a.multiply(a).mod(P)), Secp256k1Field.reduced(r), () -> "square " + a.toString(16));
            Secp256k1Field.negate(r, limbs(a));
            assertArrayEquals(limbs(a.negate().mod(P)), Secp256k1Field.reduced(r), () -> "negate " + a.toString(16));
        }
    }

    @Test
    void invertsAndTakesSquareRoots() {
        BigInteger sqrtExponent = P.add(BigInteger.ONE).shiftRight(2);
        for (BigInteger a : samples()) {
            long[] r = new long[4];
            if (a.mod(P).signum() != 0) {
                Secp256k1Field.invert(r, limbs(a));
                assertArrayEquals(limbs(a.modInverse(P)), Secp256k1Field.reduced(r), () -> "invert " + a.toString(16));
            }
            Secp256k1Field.sqrtCandidate(r, limbs(a));
            assertArrayEquals(limbs(a.modPow(sqrtExponent, P)), Secp256k1Field.reduced(r), () -> "sqrt " + a.toString(16));
        }
    }

    @Test
    void tellsFieldElementsFromLargerValues() {
        long[] p = limbs(P);
        assertEquals(false, Secp256k1Field.isBelowP(p[0], p[1], p[2], p[3]));
        long[] below = limbs(P.subtract(BigInteger.ONE));
        assertEquals(true, Secp256k1Field.isBelowP(below[0], below[1], below[2], below[3]));
        assertEquals(false, Secp256k1Field.isBelowP(-1, -1, -1, -1));
        assertEquals(true, Secp256k1Field.isBelowP(0, 0, 0, 0));
    }

    @Test
    void comparesAndEncodesTheReducedRepresentative() {
        long[] p = limbs(P);
        assertEquals(true, Secp256k1Field.isZero(p));
        assertEquals(true, Secp256k1Field.equal(limbs(P.add(BigInteger.TWO)), limbs(BigInteger.TWO)));
        assertEquals(false, Secp256k1Field.isOdd(limbs(P.add(BigInteger.TWO))));
        assertEquals(true, Secp256k1Field.isOdd(limbs(P.add(BigInteger.ONE))));
        byte[] encoded = new byte[32];
        Secp256k1Field.toBytes(limbs(P.add(BigInteger.TEN)), encoded, 0);
        assertEquals(BigInteger.TEN, new BigInteger(1, encoded));
    }

    /** Random elements plus 0, 1, p - 1, p - 2^k and values with all-ones or all-zero limbs. */
    private static List<BigInteger> samples() {
        List<BigInteger> values = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 150; i++) {
            values.add(new BigInteger(256, random).mod(P));
        }
        for (int k = 0; k < 256; k += 17) {
            values.add(P.subtract(BigInteger.ONE.shiftLeft(k)));
            values.add(BigInteger.ONE.shiftLeft(k).subtract(BigInteger.ONE));
        }
        values.add(BigInteger.ZERO);
        values.add(BigInteger.ONE);
        values.add(P.subtract(BigInteger.ONE));
        values.add(BigInteger.TWO.pow(256).subtract(P));
        values.add(BigInteger.TWO.pow(128));
        values.add(P);
        values.add(P.add(BigInteger.ONE));
        values.add(BigInteger.TWO.pow(256).subtract(BigInteger.ONE));
        return values;
    }

    static long[] limbs(BigInteger value) {
        return new long[] {value.longValue(), value.shiftRight(64).longValue(), value.shiftRight(128).longValue(),
            value.shiftRight(192).longValue()};
    }
}
