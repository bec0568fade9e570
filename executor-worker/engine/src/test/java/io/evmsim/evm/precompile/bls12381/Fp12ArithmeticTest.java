package io.evmsim.evm.precompile.bls12381;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The specialised Fp12 operations of the pairing against the general multiplication. */
class Fp12ArithmeticTest {
    private final Random random = new Random(12);

    @Test
    void squareIsProductWithItself() {
        for (int i = 0; i < 20; i++) {
            Fp12 f = randomFp12();
            assertEquals(f.mul(f), f.square());
        }
    }

    @Test
    void cyclotomicSquareAgreesInTheCyclotomicSubgroup() {
        for (int i = 0; i < 20; i++) {
            Fp12 f = randomFp12();
            // f^((p^6 - 1)(p^2 + 1)) has norm one over Fp6, the domain of the special squaring.
            Fp12 t = f.conjugate().mul(f.inverse());
            Fp12 g = t.frobenius().frobenius().mul(t);
            assertEquals(g.square(), g.cyclotomicSquare());
            assertEquals(g.square().square(), g.cyclotomicSquare().cyclotomicSquare());
        }
        // Outside the subgroup the shortcut is wrong, which is why only the final exponentiation uses it.
        Fp12 general = randomFp12();
        assertNotEquals(general.square(), general.cyclotomicSquare());
    }

    @Test
    void sparseLineProductAgreesWithFullProduct() {
        for (int i = 0; i < 20; i++) {
            Fp12 f = randomFp12();
            Fp2 a = randomFp2();
            Fp2 b = randomFp2();
            Fp2 c = randomFp2();
            Fp12 line = new Fp12(new Fp6(a, Fp2.ZERO, Fp2.ZERO), new Fp6(Fp2.ZERO, b, c));
            assertEquals(f.mul(line), f.mulByLine(a, b, c));
        }
    }

    private Fp12 randomFp12() {
        return new Fp12(new Fp6(randomFp2(), randomFp2(), randomFp2()), new Fp6(randomFp2(), randomFp2(), randomFp2()));
    }

    private Fp2 randomFp2() {
        return new Fp2(Fp.fromBigInteger(new BigInteger(400, random)), Fp.fromBigInteger(new BigInteger(400, random)));
    }
}
