package io.evmsim.evm.precompile.bls12381;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The endomorphism tests of {@link SubgroupMembership} against the definition q * P = O, on
 * random curve points (almost never in the subgroup), on subgroup points, and on subgroup points
 * shifted by a point of small order, the case a sloppy test would accept.
 */
class SubgroupMembershipTest {
    private static final BigInteger Q = Bls12Group.ORDER;
    private final Random random = new Random(814);

    @Test
    void g1TestAgreesWithMultiplicationByTheOrder() {
        checkAgainstDefinition(Bls12Group.G1, this::randomG1CurvePoint, Bls12ArithmeticTest.G1_GENERATOR);
    }

    @Test
    void g2TestAgreesWithMultiplicationByTheOrder() {
        checkAgainstDefinition(Bls12Group.G2, this::randomG2CurvePoint, Bls12ArithmeticTest.G2_GENERATOR);
    }

    @Test
    void psiActsOnG2AsMultiplicationByP() {
        JacobianPoint<Fp2> q = Bls12ArithmeticTest.G2_GENERATOR.multiply(new BigInteger(200, random));
        assertTrue(SubgroupMembership.psi(q).isSamePoint(q.multiply(Fp.MODULUS.mod(Q))));
    }

    private <F extends FieldElement<F>> void checkAgainstDefinition(
            Bls12Group<F> group, Supplier<JacobianPoint<F>> randomCurvePoint, JacobianPoint<F> generator) {
        int outside = 0;
        for (int i = 0; i < 12; i++) {
            JacobianPoint<F> point = randomCurvePoint.get();
            boolean byDefinition = point.multiply(Q).isInfinity();
            assertEquals(byDefinition, group.inSubgroup(point));
            outside += byDefinition ? 0 : 1;

            JacobianPoint<F> member = generator.multiply(new BigInteger(255, random));
            assertTrue(group.inSubgroup(member));
            // q * R has order dividing the cofactor: adding it leaves the subgroup unless it is O.
            JacobianPoint<F> smallOrder = point.multiply(Q);
            JacobianPoint<F> shifted = member.add(smallOrder);
            assertEquals(smallOrder.isInfinity(), group.inSubgroup(shifted));
        }
        assertTrue(outside > 0, "random curve points should include some outside the subgroup");
        assertTrue(group.inSubgroup(group.infinity()));
        assertFalse(group.inSubgroup(randomOutside(group, randomCurvePoint)));
    }

    private <F extends FieldElement<F>> JacobianPoint<F> randomOutside(
            Bls12Group<F> group, Supplier<JacobianPoint<F>> randomCurvePoint) {
        JacobianPoint<F> point = randomCurvePoint.get();
        while (point.multiply(Q).isInfinity()) {
            point = randomCurvePoint.get();
        }
        return point;
    }

    private JacobianPoint<Fp> randomG1CurvePoint() {
        while (true) {
            Fp x = Fp.fromBigInteger(new BigInteger(400, random));
            Fp y = x.square().mul(x).add(Bls12Group.G1.b).sqrt();
            if (y != null) {
                return Bls12Group.G1.fromAffine(x, y);
            }
        }
    }

    private JacobianPoint<Fp2> randomG2CurvePoint() {
        while (true) {
            Fp2 x = new Fp2(Fp.fromBigInteger(new BigInteger(400, random)), Fp.fromBigInteger(new BigInteger(400, random)));
            Fp2 y = x.square().mul(x).add(Bls12Group.G2.b).sqrt();
            if (y != null) {
                return Bls12Group.G2.fromAffine(x, y);
            }
        }
    }
}
