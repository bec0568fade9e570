package io.evmsim.evm.precompile.bls12381;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.evmsim.common.bytes.Hex;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Rules of EIP-2537 that the sampled vectors do not all cover: gas, subgroup checks, scalars. */
class Bls12PrecompileBehaviourTest {
    private static final String PAD = "00".repeat(16);
    private static final String G1 = PAD
            + "17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"
            + PAD + "08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1";
    private static final String G2 = PAD
            + "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8"
            + PAD + "13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e"
            + PAD + "0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801"
            + PAD + "0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be";
    /** On y^2 = x^3 + 4 but not of order q (from go-ethereum's fail-blsPairing.json). */
    private static final String G1_OUTSIDE_SUBGROUP = PAD + "00".repeat(47) + "04"
            + PAD + "0a989badd40d6212b33cffc3f3763e9bc760f988c9926b26da9dd85e928483446346b8ed00e1de5d5ea93e354abe706c";
    /** On the twist but not of order q (same source). */
    private static final String G2_OUTSIDE_SUBGROUP = PAD + "00".repeat(47) + "02" + "00".repeat(64)
            + PAD + "013a59858b6809fca4d9a3b6539246a70051a3c88899964a42bc9a69cf9acdd9dd387cfa9086b894185b9a46a402be73"
            + PAD + "02d27e0ec3356299a346a09ad7dc4ef68a483c3aed53f9139d2f929a3eecebf72082e5e58c6da24ee32e03040c406d4f";
    private static final String G1_INFINITY = "00".repeat(128);
    private static final String G2_INFINITY = "00".repeat(256);

    private static byte[] hex(String s) {
        return Hex.decode(s);
    }

    private static String scalar(BigInteger value) {
        String digits = value.toString(16);
        return "0".repeat(64 - digits.length()) + digits;
    }

    @Test
    void msmGasFollowsTheDiscountTablesAndTheirCap() {
        Bls12G1Msm g1 = new Bls12G1Msm();
        Bls12G2Msm g2 = new Bls12G2Msm();
        assertEquals(0, g1.gasCost(new byte[0]));
        assertEquals(0, g1.gasCost(new byte[159]));
        assertEquals(12000, g1.gasCost(new byte[160]));
        assertEquals(12000, g1.gasCost(new byte[161]));
        assertEquals(2 * 12000 * 949 / 1000, g1.gasCost(new byte[320]));
        assertEquals(128L * 12000 * 519 / 1000, g1.gasCost(new byte[160 * 128]));
        assertEquals(200L * 12000 * 519 / 1000, g1.gasCost(new byte[160 * 200]));
        assertEquals(22500, g2.gasCost(new byte[288]));
        assertEquals(45000, g2.gasCost(new byte[576]));
        assertEquals(200L * 22500 * 524 / 1000, g2.gasCost(new byte[288 * 200]));
    }

    @Test
    void fixedAndPairingGas() {
        assertEquals(375, new Bls12G1Add().gasCost(new byte[0]));
        assertEquals(600, new Bls12G2Add().gasCost(new byte[0]));
        assertEquals(5500, new Bls12MapFpToG1().gasCost(new byte[0]));
        assertEquals(23800, new Bls12MapFp2ToG2().gasCost(new byte[0]));
        Bls12PairingCheck pairing = new Bls12PairingCheck();
        assertEquals(37700, pairing.gasCost(new byte[0]));
        assertEquals(32600 + 37700, pairing.gasCost(new byte[384]));
        assertEquals(3 * 32600 + 37700, pairing.gasCost(new byte[3 * 384 + 5]));
    }

    @Test
    void additionSkipsTheSubgroupCheck() {
        assertArrayEquals(hex(G1_OUTSIDE_SUBGROUP),
                new Bls12G1Add().compute(hex(G1_OUTSIDE_SUBGROUP + G1_INFINITY)));
        assertArrayEquals(hex(G2_OUTSIDE_SUBGROUP),
                new Bls12G2Add().compute(hex(G2_INFINITY + G2_OUTSIDE_SUBGROUP)));
    }

    @Test
    void msmAndPairingRequireTheSubgroup() {
        String one = scalar(BigInteger.ONE);
        assertNull(new Bls12G1Msm().compute(hex(G1_OUTSIDE_SUBGROUP + one)));
        assertNull(new Bls12G2Msm().compute(hex(G2_OUTSIDE_SUBGROUP + one)));
        assertNull(new Bls12G1Msm().compute(hex(G1 + one + G1_OUTSIDE_SUBGROUP + scalar(BigInteger.ZERO))));
        assertNull(new Bls12PairingCheck().compute(hex(G1 + G2_OUTSIDE_SUBGROUP)));
    }

    @Test
    void emptyAndRaggedVariableInputsFail() {
        assertNull(new Bls12G2Msm().compute(new byte[0]));
        assertNull(new Bls12G2Msm().compute(hex(G2 + scalar(BigInteger.ONE) + "00")));
        assertNull(new Bls12PairingCheck().compute(new byte[0]));
        assertNull(new Bls12MapFpToG1().compute(new byte[0]));
        assertNull(new Bls12MapFpToG1().compute(new byte[65]));
    }

    @Test
    void scalarsAreNotReduced() {
        BigInteger q = Bls12Group.ORDER;
        byte[] generatorTimesOne = new Bls12G1Msm().compute(hex(G1 + scalar(BigInteger.ONE)));
        assertArrayEquals(hex(G1), generatorTimesOne);
        assertArrayEquals(hex(G1), new Bls12G1Msm().compute(hex(G1 + scalar(q.add(BigInteger.ONE)))));
        assertArrayEquals(hex(G1_INFINITY), new Bls12G1Msm().compute(hex(G1 + scalar(q))));
        assertArrayEquals(hex(G2), new Bls12G2Msm().compute(hex(G2 + scalar(q.add(BigInteger.ONE)))));
        BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        byte[] expected = new Bls12G1Msm().compute(hex(G1 + scalar(max.mod(q))));
        assertArrayEquals(expected, new Bls12G1Msm().compute(hex(G1 + scalar(max))));
    }

    @Test
    void pairingOfInfinityIsOne() {
        byte[] one = new byte[32];
        one[31] = 1;
        assertArrayEquals(one, new Bls12PairingCheck().compute(hex(G1_INFINITY + G2)));
        assertArrayEquals(one, new Bls12PairingCheck().compute(hex(G1 + G2_INFINITY)));
        byte[] zero = new byte[32];
        assertArrayEquals(zero, new Bls12PairingCheck().compute(hex(G1 + G2)));
    }

    @Test
    void mapsRejectNonCanonicalElementsAndHandleZero() {
        String p = "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab";
        assertNull(new Bls12MapFpToG1().compute(hex(PAD + p)));
        assertNull(new Bls12MapFp2ToG2().compute(hex(PAD + "00".repeat(48) + PAD + p)));
        assertNull(new Bls12MapFpToG1().compute(hex("01" + "00".repeat(63))));
        // u = 0 takes the exceptional branch of SSWU (tv1 = 0); the image must still be in G1/G2.
        byte[] g1 = new Bls12MapFpToG1().compute(new byte[64]);
        assertNotNull(g1);
        assertNotNull(new Bls12G1Msm().compute(concat(g1, new byte[32])));
        byte[] g2 = new Bls12MapFp2ToG2().compute(new byte[128]);
        assertNotNull(g2);
        assertNotNull(new Bls12G2Msm().compute(concat(g2, new byte[32])));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
