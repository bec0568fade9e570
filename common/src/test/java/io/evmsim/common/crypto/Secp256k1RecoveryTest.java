package io.evmsim.common.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;

/** Recovery (libsecp256k1) against Bouncy Castle's generic curve arithmetic as the reference. */
class Secp256k1RecoveryTest {
    private static final X9ECParameters PARAMETERS = CustomNamedCurves.getByName("secp256k1");
    private static final ECCurve CURVE = PARAMETERS.getCurve();
    private static final ECPoint G = PARAMETERS.getG();
    private static final BigInteger N = Secp256k1.N;
    private static final BigInteger P = CURVE.getField().getCharacteristic();

    @Test
    void recoversWhatBouncyCastleRecoversForSignaturesByRandomKeys() {
        Random random = new Random(20240601);
        for (int i = 0; i < 5_000; i++) {
            BigInteger key = randomScalar(random).toBigInteger();
            byte[] hash = randomBytes(random);
            Secp256k1.Signature signature = Secp256k1.sign(hash, key);
            Address expected = Secp256k1.addressOf(key);
            assertEquals(expected, reference(hash, signature.recoveryId(), signature.r(), signature.s()));
            assertEquals(expected, Secp256k1.recoverAddress(hash, signature.recoveryId(), signature.r(), signature.s()),
                    "key " + key.toString(16));
        }
    }

    @Test
    void agreesWithBouncyCastleOnArbitrarySignatureValues() {
        Random random = new Random(7);
        int recovered = 0;
        int rejected = 0;
        for (int i = 0; i < 15_000; i++) {
            byte[] hash = randomBytes(random);
            int recoveryId = random.nextInt(4);
            UInt256 r = randomScalar(random);
            UInt256 s = randomScalar(random);
            if (recoveryId >= 2 && random.nextBoolean()) {
                // x = r + n stays below p only for r < p - n, about 2^128.
                r = UInt256.fromBigInteger(new BigInteger(129, random).mod(P.subtract(N)).max(BigInteger.ONE));
            }
            Address expected = reference(hash, recoveryId, r, s);
            assertEquals(expected, Secp256k1.recoverAddress(hash, recoveryId, r, s),
                    "hash " + new BigInteger(1, hash).toString(16) + " id " + recoveryId + " r " + r + " s " + s);
            if (expected == null) {
                rejected++;
            } else {
                recovered++;
            }
        }
        assertTrue(recovered > 4_000 && rejected > 4_000, recovered + " recovered, " + rejected + " rejected");
    }

    @Test
    void agreesOnEdgeValues() {
        BigInteger[] scalars = {BigInteger.ONE, BigInteger.TWO, N.subtract(BigInteger.ONE), N.subtract(BigInteger.TWO),
            N.shiftRight(1), N.shiftRight(1).add(BigInteger.ONE), BigInteger.ONE.shiftLeft(128),
            BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE), P.subtract(N), P.subtract(N).subtract(BigInteger.ONE),
            G.getAffineXCoord().toBigInteger()};
        byte[][] hashes = {new byte[32], UInt256.MAX.toBytes32(), UInt256.fromBigInteger(N).toBytes32(),
            UInt256.fromBigInteger(N.add(BigInteger.ONE)).toBytes32(), UInt256.ONE.toBytes32()};
        int recovered = 0;
        for (BigInteger r : scalars) {
            for (BigInteger s : scalars) {
                for (byte[] hash : hashes) {
                    for (int recoveryId = 0; recoveryId < 4; recoveryId++) {
                        UInt256 rWord = UInt256.fromBigInteger(r);
                        UInt256 sWord = UInt256.fromBigInteger(s);
                        Address expected = reference(hash, recoveryId, rWord, sWord);
                        assertEquals(expected, Secp256k1.recoverAddress(hash, recoveryId, rWord, sWord),
                                "r " + r.toString(16) + " s " + s.toString(16) + " id " + recoveryId);
                        recovered += expected == null ? 0 : 1;
                    }
                }
            }
        }
        assertTrue(recovered > 100);
    }

    @Test
    void rejectsSignaturesWhoseKeyWouldBeTheIdentity() {
        // With R = kG and e = s k, s R - e G is the point at infinity: no key signed this.
        BigInteger k = new BigInteger("1f2e3d4c5b6a79880123456789abcdef", 16);
        ECPoint bigR = G.multiply(k).normalize();
        BigInteger rx = bigR.getAffineXCoord().toBigInteger();
        int recoveryId = (bigR.getAffineYCoord().testBitZero() ? 1 : 0) | (rx.compareTo(N) >= 0 ? 2 : 0);
        UInt256 r = UInt256.fromBigInteger(rx.mod(N));
        BigInteger s = new BigInteger("123456789", 16);
        byte[] hash = UInt256.fromBigInteger(s.multiply(k).mod(N)).toBytes32();
        assertNull(reference(hash, recoveryId, r, UInt256.fromBigInteger(s)));
        assertNull(Secp256k1.recoverAddress(hash, recoveryId, r, UInt256.fromBigInteger(s)));
        // One step away the key exists.
        assertNotNull(Secp256k1.recoverAddress(hash, recoveryId, r, UInt256.fromBigInteger(s.add(BigInteger.ONE))));
    }

    @Test
    void rejectsROverflowsThatReachTheFieldSize() {
        byte[] hash = new byte[32];
        UInt256 s = UInt256.ONE;
        for (BigInteger r : new BigInteger[] {P.subtract(N), P.subtract(N).add(BigInteger.ONE), N.subtract(BigInteger.ONE)}) {
            for (int recoveryId = 2; recoveryId < 4; recoveryId++) {
                assertNull(Secp256k1.recoverAddress(hash, recoveryId, UInt256.fromBigInteger(r), s));
            }
        }
    }

    /** SEC 1, section 4.1.6 on Bouncy Castle's curve: the implementation this package replaced. */
    static Address reference(byte[] hash, int recoveryId, UInt256 r, UInt256 s) {
        if (r.isZero() || s.isZero() || r.compareTo(Secp256k1.N_WORD) >= 0 || s.compareTo(Secp256k1.N_WORD) >= 0) {
            return null;
        }
        BigInteger x = (recoveryId & 2) != 0 ? r.toBigInteger().add(N) : r.toBigInteger();
        if (x.compareTo(P) >= 0) {
            return null;
        }
        byte[] compressed = new byte[33];
        compressed[0] = (byte) ((recoveryId & 1) != 0 ? 3 : 2);
        BigIntegers.asUnsignedByteArray(x, compressed, 1, 32);
        ECPoint bigR;
        try {
            bigR = CURVE.decodePoint(compressed);
        } catch (IllegalArgumentException notOnCurve) {
            return null;
        }
        BigInteger e = new BigInteger(1, hash);
        BigInteger rInverse = r.toBigInteger().modInverse(N);
        BigInteger gFactor = N.subtract(e.mod(N)).multiply(rInverse).mod(N);
        BigInteger rFactor = s.toBigInteger().multiply(rInverse).mod(N);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(G, gFactor, bigR, rFactor).normalize();
        if (q.isInfinity()) {
            return null;
        }
        byte[] digest = Keccak.keccak256(q.getEncoded(false), 1, 64);
        return Address.wrap(Arrays.copyOfRange(digest, 12, 32));
    }

    private static UInt256 randomScalar(Random random) {
        return UInt256.fromBigInteger(new BigInteger(256, random).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE));
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }
}
