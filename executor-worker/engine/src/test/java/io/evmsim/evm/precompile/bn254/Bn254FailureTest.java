package io.evmsim.evm.precompile.bn254;

import static io.evmsim.evm.precompile.bn254.Bn254TestSupport.P;
import static io.evmsim.evm.precompile.bn254.Bn254TestSupport.concat;
import static io.evmsim.evm.precompile.bn254.Bn254TestSupport.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Inputs the precompiles must reject (null result: the call fails and consumes its gas). */
class Bn254FailureTest {
    private static final byte[] ONE = word(BigInteger.ONE);
    private static final byte[] TWO = word(BigInteger.TWO);
    private static final byte[] THREE = word(BigInteger.valueOf(3));
    private static final byte[] ZERO = new byte[32];
    private static final byte[] MODULUS = word(P);
    private static final byte[] G1 = concat(ONE, TWO);

    private final Bn254Add add = new Bn254Add();
    private final Bn254Mul mul = new Bn254Mul();
    private final Bn254Pairing pairing = new Bn254Pairing();

    @Test
    void addRejectsInvalidCoordinatesAndPointsOffTheCurve() {
        assertNull(add.compute(concat(ONE, THREE, G1)), "(1, 3) is not on the curve");
        assertNull(add.compute(concat(G1, ONE, THREE)));
        assertNull(add.compute(concat(ZERO, ONE, G1)), "(0, 1) is not infinity and not on the curve");
        assertNull(add.compute(concat(MODULUS, TWO, G1)), "x = p");
        // (p + 1, 2) would be the generator if reduced; EIP-196 requires x < p
        assertNull(add.compute(concat(word(P.add(BigInteger.ONE)), TWO, G1)));
        assertNull(add.compute(concat(ONE, word(P.add(BigInteger.TWO)), G1)), "y = p + 2");
        assertNull(add.compute(concat(ONE, THREE)), "padding: the second point is infinity, the first is invalid");
        assertNotNull(add.compute(concat(G1, ZERO, ZERO)));
    }

    @Test
    void mulRejectsInvalidCoordinatesAndPointsOffTheCurve() {
        assertNull(mul.compute(concat(ONE, THREE, TWO)));
        assertNull(mul.compute(concat(ONE, THREE, ZERO)), "even a zero scalar does not excuse an invalid point");
        assertNull(mul.compute(concat(MODULUS, TWO, TWO)));
        assertNull(mul.compute(concat(ONE, word(P.add(BigInteger.TWO)), ONE)));
        assertNotNull(mul.compute(concat(G1, MODULUS)), "the scalar may be any 256-bit word");
    }

    @Test
    void pairingRejectsBadLengths() {
        byte[] valid = concat(G1, Bn254TestSupport.G2_GENERATOR);
        assertNotNull(pairing.compute(valid));
        assertNull(pairing.compute(Arrays.copyOf(valid, 191)));
        assertNull(pairing.compute(Arrays.copyOf(valid, 193)));
        assertNull(pairing.compute(new byte[1]));
        assertNull(pairing.compute(concat(valid, new byte[64])));
        assertEquals(45_000 + 34_000, pairing.gasCost(Arrays.copyOf(valid, 193)), "gas counts whole pairs");
    }

    @Test
    void pairingRejectsInvalidPoints() {
        byte[] g2 = Bn254TestSupport.G2_GENERATOR;
        assertNull(pairing.compute(concat(ONE, THREE, g2)), "G1 point off the curve");
        assertNull(pairing.compute(concat(MODULUS, ZERO, g2)), "G1 coordinate = p");
        for (int word = 0; word < 4; word++) {
            byte[] bad = g2.clone();
            System.arraycopy(MODULUS, 0, bad, 32 * word, 32);
            assertNull(pairing.compute(concat(G1, bad)), "G2 word " + word + " = p");
        }
        byte[] offTwist = g2.clone();
        offTwist[127] ^= 1; // y_re changed
        assertNull(pairing.compute(concat(G1, offTwist)), "G2 point off the twist");
        byte[] swapped = concat(Arrays.copyOfRange(g2, 32, 64), Arrays.copyOfRange(g2, 0, 32),
                Arrays.copyOfRange(g2, 96, 128), Arrays.copyOfRange(g2, 64, 96));
        assertNull(pairing.compute(concat(G1, swapped)), "real part first is the wrong encoding");
        // invalid points fail even when paired with infinity
        assertNull(pairing.compute(concat(new byte[64], offTwist)));
        assertNull(pairing.compute(concat(ONE, THREE, new byte[128])));
        // and even after a valid pair
        assertNull(pairing.compute(concat(G1, g2, ONE, THREE, g2)));
    }

    @Test
    void pairingRejectsTwistPointsOutsideG2() {
        Random random = new Random(1108);
        for (int i = 0; i < 3; i++) {
            long[] q = Bn254TestSupport.randomTwistPoint(random);
            byte[] encoded = Bn254TestSupport.encodeG2(q);
            assertNull(pairing.compute(concat(G1, encoded)), "on the twist but not of order r");
            assertNull(pairing.compute(concat(new byte[64], encoded)));
        }
    }
}
