package io.evmsim.evm.precompile.bls12381;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks of the field, curve and pairing code against BigInteger and algebraic identities. */
class Bls12ArithmeticTest {
    private static final BigInteger P = Fp.MODULUS;
    private static final BigInteger Q = Bls12Group.ORDER;
    private static final BigInteger X = new BigInteger("-d201000000010000", 16);

    static final JacobianPoint<Fp> G1_GENERATOR = Bls12Group.G1.fromAffine(
            Fp.fromHex("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"),
            Fp.fromHex("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1"));
    static final JacobianPoint<Fp2> G2_GENERATOR = Bls12Group.G2.fromAffine(
            new Fp2(Fp.fromHex("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8"),
                    Fp.fromHex("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e")),
            new Fp2(Fp.fromHex("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801"),
                    Fp.fromHex("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be")));

    private final Random random = new Random(2537);

    private BigInteger randomBelow(BigInteger bound) {
        return new BigInteger(bound.bitLength() + 64, random).mod(bound);
    }

    @Test
    void fieldOperationsAgreeWithBigInteger() {
        for (int i = 0; i < 200; i++) {
            BigInteger a = randomBelow(P);
            BigInteger b = randomBelow(P);
            Fp fa = Fp.fromBigInteger(a);
            Fp fb = Fp.fromBigInteger(b);
            assertEquals(a.add(b).mod(P), fa.add(fb).toBigInteger());
            assertEquals(a.subtract(b).mod(P), fa.sub(fb).toBigInteger());
            assertEquals(a.multiply(b).mod(P), fa.mul(fb).toBigInteger());
            assertEquals(a.negate().mod(P), fa.neg().toBigInteger());
            if (a.signum() != 0) {
                assertEquals(a.modInverse(P), fa.inverse().toBigInteger());
            }
            Fp root = fa.square().sqrt();
            assertNotNull(root);
            assertEquals(fa.square(), root.square());
        }
        assertEquals(P.subtract(BigInteger.ONE), Fp.ONE.neg().toBigInteger());
    }

    @Test
    void quadraticExtensionSquareRootsAndInverses() {
        for (int i = 0; i < 50; i++) {
            Fp2 a = new Fp2(Fp.fromBigInteger(randomBelow(P)), Fp.fromBigInteger(randomBelow(P)));
            assertEquals(Fp2.ONE, a.mul(a.inverse()));
            Fp2 root = a.square().sqrt();
            assertNotNull(root);
            assertEquals(a.square(), root.square());
        }
        // xi = 1 + i is not a square in Fp2 (it builds the tower), nor is Z = -(2 + i).
        assertEquals(null, Fp2.of(1, 1).sqrt());
        assertEquals(null, Fp2.of(-2, -1).sqrt());
    }

    @Test
    void generatorsAreOnTheirCurvesAndOfOrderQ() {
        assertTrue(Bls12Group.G1.isOnCurve(G1_GENERATOR.x, G1_GENERATOR.y));
        assertTrue(Bls12Group.G2.isOnCurve(G2_GENERATOR.x, G2_GENERATOR.y));
        assertTrue(Bls12Group.G1.inSubgroup(G1_GENERATOR));
        assertTrue(Bls12Group.G2.inSubgroup(G2_GENERATOR));
        JacobianPoint<Fp> sum = G1_GENERATOR.add(G1_GENERATOR).add(G1_GENERATOR);
        assertTrue(sum.isSamePoint(G1_GENERATOR.multiply(BigInteger.valueOf(3))));
        assertTrue(G1_GENERATOR.add(G1_GENERATOR.negate()).isInfinity());
    }

    /** The pairing check runs in blst: bilinearity and non-degeneracy through the precompile's own encoding. */
    @Test
    void pairingIsBilinearAndNonDegenerate() {
        BigInteger a = BigInteger.valueOf(0x1234567);
        BigInteger b = BigInteger.valueOf(0x7654321);
        JacobianPoint<Fp> aP = G1_GENERATOR.multiply(a);
        JacobianPoint<Fp2> bQ = G2_GENERATOR.multiply(b);
        JacobianPoint<Fp> minusAbP = G1_GENERATOR.multiply(a.multiply(b)).negate();
        assertTrue(isProductOne(List.of(aP, minusAbP), List.of(bQ, G2_GENERATOR)));
        assertFalse(isProductOne(List.of(G1_GENERATOR), List.of(G2_GENERATOR)));
        assertFalse(isProductOne(List.of(aP, G1_GENERATOR.multiply(a.multiply(b))), List.of(bQ, G2_GENERATOR)));
        assertTrue(isProductOne(List.of(Bls12Group.G1.infinity()), List.of(G2_GENERATOR)));
        assertTrue(isProductOne(List.of(aP, Bls12Group.G1.infinity(), minusAbP),
                List.of(bQ, G2_GENERATOR, G2_GENERATOR)));
    }

    private static boolean isProductOne(List<JacobianPoint<Fp>> g1Points, List<JacobianPoint<Fp2>> g2Points) {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        for (int i = 0; i < g1Points.size(); i++) {
            input.writeBytes(Bls12Group.G1.encodePoint(g1Points.get(i)));
            input.writeBytes(Bls12Group.G2.encodePoint(g2Points.get(i)));
        }
        byte[] output = new Bls12PairingCheck().compute(input.toByteArray());
        assertNotNull(output);
        assertEquals(32, output.length);
        return output[31] == 1;
    }

    @Test
    void mappedPointsLandInTheSubgroups() {
        for (int i = 0; i < 3; i++) {
            JacobianPoint<Fp> p = Bls12CurveMaps.G1.map(Fp.fromBigInteger(randomBelow(P)));
            JacobianPoint<Fp> pa = p.normalize();
            assertTrue(Bls12Group.G1.isOnCurve(pa.x, pa.y));
            assertTrue(Bls12Group.G1.inSubgroup(p));
            JacobianPoint<Fp2> q = Bls12CurveMaps.G2.map(new Fp2(Fp.fromBigInteger(randomBelow(P)),
                    Fp.fromBigInteger(randomBelow(P))));
            JacobianPoint<Fp2> qa = q.normalize();
            assertTrue(Bls12Group.G2.isOnCurve(qa.x, qa.y));
            assertTrue(Bls12Group.G2.inSubgroup(q));
        }
    }
}
