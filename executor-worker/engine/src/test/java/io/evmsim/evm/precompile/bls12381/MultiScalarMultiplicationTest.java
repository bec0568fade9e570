package io.evmsim.evm.precompile.bls12381;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Straus and Pippenger against the plain sum of separate multiplications. */
class MultiScalarMultiplicationTest {
    private final Random random = new Random(2537);

    @Test
    void g1MethodsAgreeWithSeparateMultiplications() {
        checkMethods(Bls12Group.G1, Bls12ArithmeticTest.G1_GENERATOR, 14, new int[] {1, 3, 7});
    }

    @Test
    void g2MethodsAgreeWithSeparateMultiplications() {
        checkMethods(Bls12Group.G2, Bls12ArithmeticTest.G2_GENERATOR, 5, new int[] {4});
    }

    private <F extends FieldElement<F>> void checkMethods(
            Bls12Group<F> group, JacobianPoint<F> generator, int k, int[] bucketBits) {
        List<JacobianPoint<F>> points = new ArrayList<>();
        List<byte[]> scalars = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            points.add(generator.multiply(new BigInteger(128, random)));
            byte[] scalar = new byte[32];
            random.nextBytes(scalar);
            scalars.add(scalar);
        }
        // The same point twice (bucket additions that double), an all-ones scalar and small digits.
        points.set(1, points.get(0));
        scalars.set(1, scalars.get(0).clone());
        scalars.set(2, new byte[32]);
        scalars.get(2)[31] = 1;
        byte[] allOnes = new byte[32];
        java.util.Arrays.fill(allOnes, (byte) 0xff);
        scalars.set(3, allOnes);

        JacobianPoint<F> expected = group.infinity();
        for (int i = 0; i < k; i++) {
            expected = expected.add(points.get(i).multiply(new BigInteger(1, scalars.get(i))));
        }
        assertTrue(expected.isSamePoint(MultiScalarMultiplication.straus(group, points, scalars, 32)));
        for (int c : bucketBits) {
            assertTrue(expected.isSamePoint(MultiScalarMultiplication.pippenger(group, points, scalars, 256, c)),
                    "Pippenger with " + c + "-bit windows");
        }
        assertTrue(expected.isSamePoint(MultiScalarMultiplication.compute(group, points, scalars)));
    }
}
