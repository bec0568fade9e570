package io.evmsim.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evmsim.common.bytes.Hex;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class P256VerifyTest {
    private static final BigInteger N = new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
    private static final BigInteger P = new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static final byte[] VALID = PaddedInput.leftPad(new byte[] {1}, 32);
    private static final byte[] EMPTY = new byte[0];

    private final P256Verify precompile = new P256Verify();

    static List<TestVector> vectors() {
        return TestVector.load("p256Verify.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void wycheproofDerivedVectors(TestVector vector) {
        assertEquals(6900, precompile.gasCost(vector.input()));
        assertArrayEquals(vector.expected(), precompile.compute(vector.input()));
    }

    @Test
    void wrongLengthIsEmptyOutputNotFailure() {
        byte[] valid = vectors().get(0).input();
        assertArrayEquals(EMPTY, precompile.compute(Arrays.copyOf(valid, 159)));
        assertArrayEquals(EMPTY, precompile.compute(Arrays.copyOf(valid, 161)));
        assertArrayEquals(EMPTY, precompile.compute(EMPTY));
        assertEquals(6900, precompile.gasCost(EMPTY));
    }

    @Test
    void signaturesFromTheJdkVerifyIncludingTheirHighSTwin() throws Exception {
        Random random = new Random(7951);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom(new byte[] {1}));
        for (int i = 0; i < 8; i++) {
            KeyPair keys = generator.generateKeyPair();
            byte[] message = new byte[random.nextInt(200)];
            random.nextBytes(message);
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(keys.getPrivate());
            signer.update(message);
            byte[] rs = signer.sign();
            BigInteger r = new BigInteger(1, Arrays.copyOfRange(rs, 0, 32));
            BigInteger s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
            ECPublicKey publicKey = (ECPublicKey) keys.getPublic();
            BigInteger qx = publicKey.getW().getAffineX();
            BigInteger qy = publicKey.getW().getAffineY();
            BigInteger hash = new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(message));

            assertArrayEquals(VALID, precompile.compute(input(hash, r, s, qx, qy)));
            // (r, n - s) verifies as well: the EIP asks for no low-s rule
            assertArrayEquals(VALID, precompile.compute(input(hash, r, N.subtract(s), qx, qy)));
            assertArrayEquals(EMPTY, precompile.compute(input(hash.add(BigInteger.ONE), r, s, qx, qy)));
            assertArrayEquals(EMPTY, precompile.compute(input(hash, r, s, qx, P.subtract(qy))));
            // r + n and s + n are out of range even though they are the same residues
            assertArrayEquals(EMPTY, precompile.compute(input(hash, r.add(N), s, qx, qy)));
            assertArrayEquals(EMPTY, precompile.compute(input(hash, r, s.add(N), qx, qy)));
        }
    }

    @Test
    void invalidPublicKeysAreRejected() {
        TestVector valid = vectors().get(0);
        BigInteger hash = word(valid.input(), 0);
        BigInteger r = word(valid.input(), 1);
        BigInteger s = word(valid.input(), 2);
        BigInteger qx = word(valid.input(), 3);
        BigInteger qy = word(valid.input(), 4);
        assertArrayEquals(VALID, precompile.compute(input(hash, r, s, qx, qy)));
        // the point at infinity encoding
        assertArrayEquals(EMPTY, precompile.compute(input(hash, r, s, BigInteger.ZERO, BigInteger.ZERO)));
        // off the curve
        assertArrayEquals(EMPTY, precompile.compute(input(hash, r, s, qx, qy.add(BigInteger.ONE))));
        // coordinates not reduced modulo p: same residue, invalid encoding
        assertArrayEquals(EMPTY, precompile.compute(input(hash, r, s, qx.add(P), qy)));
        assertArrayEquals(EMPTY, precompile.compute(input(hash, r, s, qx, qy.add(P))));
    }

    @Test
    void hashesAtOrAboveTheOrderAreUsedModuloN() {
        TestVector valid = vectors().get(0);
        BigInteger hash = word(valid.input(), 0);
        BigInteger[] rest = {word(valid.input(), 1), word(valid.input(), 2), word(valid.input(), 3), word(valid.input(), 4)};
        // h and h + n denote the same scalar; h + n still fits 32 bytes for this hash
        BigInteger shifted = hash.add(N);
        if (shifted.bitLength() <= 256) {
            assertArrayEquals(VALID, precompile.compute(input(shifted, rest[0], rest[1], rest[2], rest[3])));
        }
        // a zero hash is a legal (if useless) input and must not break the arithmetic
        assertArrayEquals(EMPTY, precompile.compute(input(BigInteger.ZERO, rest[0], rest[1], rest[2], rest[3])));
        assertArrayEquals(EMPTY, precompile.compute(input(N, rest[0], rest[1], rest[2], rest[3])));
    }

    private static BigInteger word(byte[] input, int index) {
        return new BigInteger(1, Arrays.copyOfRange(input, 32 * index, 32 * index + 32));
    }

    private static byte[] input(BigInteger... words) {
        byte[] input = new byte[32 * words.length];
        for (int i = 0; i < words.length; i++) {
            BigInteger value = words[i].mod(BigInteger.ONE.shiftLeft(256));
            System.arraycopy(PaddedInput.leftPad(value, 32), 0, input, 32 * i, 32);
        }
        return input;
    }

    @Test
    void largeXCoordinateVectorReallyNeedsTheReduction() {
        // #113 of the vectors: r is below n but R'.x is not, so comparing R'.x with r unreduced fails
        TestVector vector = vectors().stream().filter(v -> v.name().contains("#113")).findFirst().orElseThrow();
        assertArrayEquals(VALID, precompile.compute(vector.input()));
        BigInteger r = word(vector.input(), 1);
        assertEquals(-1, r.compareTo(N));
        assertEquals(Hex.encode(vector.input()).length(), 2 + 320);
    }
}
