package io.evmsim.evm.precompile.bls12381;

import java.math.BigInteger;

/**
 * Subgroup membership by endomorphisms instead of multiplication by the 255-bit order q
 * (M. Scott, "A note on group membership tests for G1, G2 and GT on BLS pairing-friendly
 * curves", ePrint 2021/1130, the tests blst uses for EIP-2537): a point of E(Fp) is in G1 iff
 * sigma(P) = -x^2 P, and a point of the twist E'(Fp2) is in G2 iff psi(P) = x P, with x the
 * (negative) BLS parameter. Each costs one multiplication by the 64-bit |x| (two for G1) rather
 * than one by q.
 */
final class SubgroupMembership {
    /** |x| for the BLS parameter x = -0xd201000000010000 (EIP-2537, "Pairing parameters"). */
    static final BigInteger ABS_X = new BigInteger("d201000000010000", 16);

    private static final BigInteger P_MINUS_ONE = Fp.MODULUS.subtract(BigInteger.ONE);

    /** The G1 generator (EIP-2537, "Curve parameters"), which fixes the choice of beta. */
    private static final JacobianPoint<Fp> G1_GENERATOR = Bls12Group.G1.fromAffine(
            Fp.fromHex("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"),
            Fp.fromHex("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1"));

    /**
     * The cube root of unity beta for which sigma(x, y) = (beta x, y) acts on G1 as -x^2; the
     * other root acts as its inverse. Found from the generator rather than transcribed.
     */
    private static final Fp BETA = g1CubeRoot();

    /** psi = untwist, p-power Frobenius, twist: (x, y) -> (conj(x) / xi^((p-1)/3), conj(y) / xi^((p-1)/2)). */
    private static final Fp2 PSI_X = Fp2.of(1, 1).pow(P_MINUS_ONE.divide(BigInteger.valueOf(3))).inverse();
    private static final Fp2 PSI_Y = Fp2.of(1, 1).pow(P_MINUS_ONE.shiftRight(1)).inverse();

    private SubgroupMembership() {
    }

    static boolean inG1(JacobianPoint<Fp> point) {
        if (point.isInfinity()) {
            return true;
        }
        return sigma(point, BETA).isSamePoint(point.multiply(ABS_X).multiply(ABS_X).negate());
    }

    static boolean inG2(JacobianPoint<Fp2> point) {
        if (point.isInfinity()) {
            return true;
        }
        return psi(point).isSamePoint(point.multiply(ABS_X).negate());
    }

    /** The endomorphism psi of the twist; on G2 it acts as multiplication by p, which is x mod q. */
    static JacobianPoint<Fp2> psi(JacobianPoint<Fp2> point) {
        // Jacobian: x = X/Z^2 and y = Y/Z^3, and conjugation is a field automorphism.
        return new JacobianPoint<>(point.group, point.x.conjugate().mul(PSI_X), point.y.conjugate().mul(PSI_Y),
                point.z.conjugate());
    }

    private static JacobianPoint<Fp> sigma(JacobianPoint<Fp> point, Fp beta) {
        return new JacobianPoint<>(point.group, point.x.mul(beta), point.y, point.z);
    }

    private static Fp g1CubeRoot() {
        BigInteger third = P_MINUS_ONE.divide(BigInteger.valueOf(3));
        Fp root = Fp.ONE;
        for (long g = 2; root.equals(Fp.ONE); g++) {
            root = Fp.of(g).pow(third);
        }
        JacobianPoint<Fp> expected = G1_GENERATOR.multiply(ABS_X).multiply(ABS_X).negate();
        for (Fp beta : new Fp[] {root, root.square()}) {
            if (sigma(G1_GENERATOR, beta).isSamePoint(expected)) {
                return beta;
            }
        }
        throw new IllegalStateException("no cube root of unity acts as -x^2 on the G1 generator");
    }

}
