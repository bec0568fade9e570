package io.evmsim.evm.precompile.bn254;

import static io.evmsim.evm.precompile.bn254.Bn254TestSupport.P;
import static io.evmsim.evm.precompile.bn254.Bn254TestSupport.randomBelow;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The field tower against BigInteger arithmetic and against its own slower definitions. */
class Bn254FieldTest {
    private final Random random = new Random(254);

    private List<BigInteger> samples() {
        List<BigInteger> values = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                P.subtract(BigInteger.ONE), P.subtract(BigInteger.TWO), P.shiftRight(1),
                BigInteger.ONE.shiftLeft(253), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(192)));
        for (int i = 0; i < 300; i++) {
            values.add(randomBelow(random, P));
        }
        return values;
    }

    @Test
    void fpMatchesBigInteger() {
        List<BigInteger> values = samples();
        long[] r = new long[4];
        for (int i = 0; i < values.size(); i++) {
            BigInteger a = values.get(i);
            BigInteger b = values.get((i * 7 + 3) % values.size());
            long[] x = Fp.of(a);
            long[] y = Fp.of(b);
            assertEquals(a, Fp.toBigInteger(x, 0));
            Fp.mul(r, 0, x, 0, y, 0);
            assertEquals(a.multiply(b).mod(P), Fp.toBigInteger(r, 0), "mul");
            Fp.add(r, 0, x, 0, y, 0);
            assertEquals(a.add(b).mod(P), Fp.toBigInteger(r, 0), "add");
            Fp.sub(r, 0, x, 0, y, 0);
            assertEquals(a.subtract(b).mod(P), Fp.toBigInteger(r, 0), "sub");
            Fp.neg(r, 0, x, 0);
            assertEquals(a.negate().mod(P), Fp.toBigInteger(r, 0), "neg");
            if (a.signum() != 0) {
                Fp.inv(r, 0, x, 0);
                assertEquals(a.modInverse(P), Fp.toBigInteger(r, 0), "inv");
            }
        }
    }

    @Test
    void fpDecodingRejectsValuesFromTheModulusUp() {
        long[] r = new long[4];
        assertFalse(Fp.fromBytes(Bn254TestSupport.word(P), 0, r, 0));
        assertFalse(Fp.fromBytes(Bn254TestSupport.word(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)), 0, r, 0));
        assertTrue(Fp.fromBytes(Bn254TestSupport.word(P.subtract(BigInteger.ONE)), 0, r, 0));
        assertEquals(P.subtract(BigInteger.ONE), Fp.toBigInteger(r, 0));
    }

    @Test
    void fp2MatchesSchoolbookFormulas() {
        List<BigInteger> values = samples();
        long[] r = new long[8];
        for (int i = 0; i + 3 < values.size(); i += 4) {
            BigInteger a = values.get(i), b = values.get(i + 1), c = values.get(i + 2), d = values.get(i + 3);
            long[] x = Fp2.of(a, b);
            long[] y = Fp2.of(c, d);
            Fp2.mul(r, 0, x, 0, y, 0);
            assertEquals(a.multiply(c).subtract(b.multiply(d)).mod(P), Fp.toBigInteger(r, 0));
            assertEquals(a.multiply(d).add(b.multiply(c)).mod(P), Fp.toBigInteger(r, 4));
            Fp2.sqr(r, 0, x, 0);
            assertEquals(a.multiply(a).subtract(b.multiply(b)).mod(P), Fp.toBigInteger(r, 0));
            assertEquals(a.multiply(b).shiftLeft(1).mod(P), Fp.toBigInteger(r, 4));
            Fp2.mulByXi(r, 0, x, 0);
            assertEquals(a.multiply(BigInteger.valueOf(9)).subtract(b).mod(P), Fp.toBigInteger(r, 0));
            assertEquals(b.multiply(BigInteger.valueOf(9)).add(a).mod(P), Fp.toBigInteger(r, 4));
            if (a.signum() != 0 || b.signum() != 0) {
                Fp2.inv(r, 0, x, 0);
                Fp2.mul(r, 0, r, 0, x, 0);
                assertTrue(Fp2.equal(r, 0, Fp2.ONE, 0));
            }
        }
    }

    @Test
    void operationsMayWriteOverTheirInputs() {
        long[] x = Bn254TestSupport.randomFp2(random);
        long[] y = Bn254TestSupport.randomFp2(random);
        long[] expected = new long[8];
        Fp2.mul(expected, 0, x, 0, y, 0);
        long[] inPlace = x.clone();
        Fp2.mul(inPlace, 0, inPlace, 0, y, 0);
        assertArrayEquals(expected, inPlace);
        long[] f = Bn254TestSupport.randomFp12(random);
        long[] g = Bn254TestSupport.randomFp12(random);
        long[] product = new long[Fp12.SIZE];
        Fp12.mul(product, 0, f, 0, g, 0);
        long[] fInPlace = f.clone();
        Fp12.mul(fInPlace, 0, fInPlace, 0, g, 0);
        assertArrayEquals(product, fInPlace);
        long[] square = new long[Fp12.SIZE];
        Fp12.sqr(square, 0, f, 0);
        Fp12.mul(product, 0, f, 0, f, 0);
        assertArrayEquals(product, square);
    }

    @Test
    void fp6SquareAndInverse() {
        for (int i = 0; i < 10; i++) {
            long[] a = Bn254TestSupport.randomFp12(random); // its first 24 limbs are an F_p6 element
            long[] sq = new long[Fp6.SIZE];
            long[] prod = new long[Fp6.SIZE];
            Fp6.sqr(sq, 0, a, 0);
            Fp6.mul(prod, 0, a, 0, a, 0);
            assertArrayEquals(prod, sq);
            long[] inv = new long[Fp6.SIZE];
            Fp6.inv(inv, 0, a, 0);
            Fp6.mul(inv, 0, inv, 0, a, 0);
            long[] one = new long[Fp6.SIZE];
            Fp6.setOne(one, 0);
            assertArrayEquals(one, inv);
        }
    }

    @Test
    void fp12InverseAndSparseProduct() {
        for (int i = 0; i < 10; i++) {
            long[] f = Bn254TestSupport.randomFp12(random);
            long[] inv = new long[Fp12.SIZE];
            Fp12.inv(inv, 0, f, 0);
            Fp12.mul(inv, 0, inv, 0, f, 0);
            assertTrue(Fp12.isOne(inv, 0));

            long[] c0 = Bn254TestSupport.randomFp2(random);
            long[] d0 = Bn254TestSupport.randomFp2(random);
            long[] d1 = Bn254TestSupport.randomFp2(random);
            long[] sparse = new long[Fp12.SIZE];
            Fp2.set(sparse, 0, c0, 0); // w^0 = g0
            Fp2.set(sparse, 24, d0, 0); // w^1 = h0
            Fp2.set(sparse, 32, d1, 0); // w^3 = h1
            long[] expected = new long[Fp12.SIZE];
            Fp12.mul(expected, 0, f, 0, sparse, 0);
            Fp12.mulBy034(f, 0, c0, 0, d0, 0, d1, 0);
            assertArrayEquals(expected, f);
        }
    }

    @Test
    void frobeniusIsThePowerOfP() {
        long[] f = Bn254TestSupport.randomFp12(random);
        long[] viaPow = f;
        long[] viaMap = new long[Fp12.SIZE];
        for (int k = 1; k <= 3; k++) {
            viaPow = Bn254TestSupport.fp12Pow(viaPow, P);
            Fp12.frobenius(viaMap, 0, f, 0, k);
            assertArrayEquals(viaPow, viaMap, "p^" + k);
        }
    }

    @Test
    void cyclotomicSquareMatchesSquareAfterTheEasyPart() {
        long[] f = FinalExponentiation.easyPart(Bn254TestSupport.randomFp12(random));
        long[] expected = new long[Fp12.SIZE];
        long[] actual = new long[Fp12.SIZE];
        Fp12.sqr(expected, 0, f, 0);
        Fp12.cyclotomicSqr(actual, 0, f, 0);
        assertArrayEquals(expected, actual);
    }

    @Test
    void finalExponentiationIsTheDocumentedPower() {
        // hard part = f^(2u(6u^2 + 3u + 1)·(p^4 − p^2 + 1)/r), per the Fuentes-Castañeda chain
        BigInteger u = BigInteger.valueOf(MillerLoop.U);
        BigInteger lambda = u.shiftLeft(1).multiply(u.pow(2).multiply(BigInteger.valueOf(6))
                .add(u.multiply(BigInteger.valueOf(3))).add(BigInteger.ONE));
        BigInteger hard = P.pow(4).subtract(P.pow(2)).add(BigInteger.ONE).divide(Bn254TestSupport.R);
        long[] f = FinalExponentiation.easyPart(Bn254TestSupport.randomFp12(random));
        assertArrayEquals(Bn254TestSupport.fp12Pow(f, hard.multiply(lambda)), FinalExponentiation.hardPart(f));
        assertEquals(BigInteger.ONE, lambda.gcd(Bn254TestSupport.R), "the extra factor keeps 1 as the only preimage of 1");
    }

    @Test
    void loopCountDigits() {
        BigInteger sum = BigInteger.ZERO;
        int[] digits = MillerLoop.SIX_U_PLUS_2_NAF;
        for (int i = 0; i < digits.length; i++) {
            sum = sum.add(BigInteger.valueOf(digits[i]).shiftLeft(i));
        }
        assertEquals(BigInteger.valueOf(MillerLoop.U).multiply(BigInteger.valueOf(6)).add(BigInteger.TWO), sum);
        assertEquals(1, digits[digits.length - 1]);
    }
}
