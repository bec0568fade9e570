package io.evmsim.common.crypto;

import fr.acinq.secp256k1.Secp256k1Exception;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDSA over secp256k1 as Ethereum uses it: public key recovery from (hash, recovery id, r, s),
 * deterministic signing and key-to-address derivation. Recovery, which every transaction sender and
 * the ECRECOVER precompile need, runs in libsecp256k1 (Bitcoin Core's library, through ACINQ's JNI
 * binding), about twice as fast as the best field and group arithmetic we had on the JVM; signing
 * and key derivation, which only tests and tools use, stay on Bouncy Castle.
 */
public final class Secp256k1 {
    private static final X9ECParameters PARAMETERS = CustomNamedCurves.getByName("secp256k1");
    private static final ECPoint G = PARAMETERS.getG();
    /** The group order n. */
    public static final BigInteger N = PARAMETERS.getN();
    /** n/2: EIP-2 rejects transaction signatures with a larger s, the malleable twin of s. */
    public static final BigInteger HALF_N = N.shiftRight(1);
    public static final UInt256 N_WORD = UInt256.fromBigInteger(N);
    public static final UInt256 HALF_N_WORD = UInt256.fromBigInteger(HALF_N);
    private static final int COORDINATE_BYTES = 32;

    private Secp256k1() {
    }

    /** A signature with its recovery id: bit 0 is the parity of R's y, bit 1 says R.x overflowed n. */
    public record Signature(UInt256 r, UInt256 s, int recoveryId) {
    }

    /**
     * The address whose key produced this signature of {@code messageHash32}, or null when no key
     * did: r or s outside [1, n-1], a recovery id outside 0..3, or an r that is no point's x
     * coordinate. No low-s rule applies here; callers that need EIP-2 check s themselves.
     */
    public static Address recoverAddress(byte[] messageHash32, int recoveryId, UInt256 r, UInt256 s) {
        if (messageHash32.length != 32 || recoveryId < 0 || recoveryId > 3 || !isScalar(r) || !isScalar(s)) {
            return null;
        }
        byte[] signature = new byte[2 * COORDINATE_BYTES];
        r.writeTo(signature, 0);
        s.writeTo(signature, COORDINATE_BYTES);
        byte[] publicKey;
        try {
            publicKey = Libsecp256k1.LIBRARY.ecdsaRecover(signature, messageHash32, recoveryId);
        } catch (Secp256k1Exception noKey) {
            // r is no point's x coordinate (or r + n is not below p), or the key is the identity
            return null;
        }
        // 65 bytes: the 0x04 prefix of an uncompressed point, then x and y
        return addressOfPublicKey(publicKey, 1);
    }

    /** libsecp256k1, loaded on first use: the binding extracts its native library for this platform. */
    private static final class Libsecp256k1 {
        static final fr.acinq.secp256k1.Secp256k1 LIBRARY = fr.acinq.secp256k1.Secp256k1.Companion.get();
    }

    /** Deterministic (RFC 6979) signature of a 32-byte hash, normalized to low s. */
    public static Signature sign(byte[] hash32, BigInteger privateKey) {
        if (hash32.length != 32) {
            throw new IllegalArgumentException("a message hash has 32 bytes, got " + hash32.length);
        }
        checkPrivateKey(privateKey);
        HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(N, privateKey, hash32);
        BigInteger e = new BigInteger(1, hash32);
        while (true) {
            BigInteger k = nonces.nextK();
            ECPoint bigR = new FixedPointCombMultiplier().multiply(G, k).normalize();
            BigInteger rx = bigR.getAffineXCoord().toBigInteger();
            BigInteger r = rx.mod(N);
            BigInteger s = BigIntegers.modOddInverse(N, k).multiply(e.add(r.multiply(privateKey))).mod(N);
            if (r.signum() == 0 || s.signum() == 0) {
                continue;
            }
            int recoveryId = (bigR.getAffineYCoord().testBitZero() ? 1 : 0) | (rx.compareTo(N) >= 0 ? 2 : 0);
            if (s.compareTo(HALF_N) > 0) {
                // (r, n - s) is the same signature with R negated, so y's parity flips.
                s = N.subtract(s);
                recoveryId ^= 1;
            }
            return new Signature(UInt256.fromBigInteger(r), UInt256.fromBigInteger(s), recoveryId);
        }
    }

    public static Address addressOf(BigInteger privateKey) {
        checkPrivateKey(privateKey);
        return addressOf(new FixedPointCombMultiplier().multiply(G, privateKey).normalize());
    }

    private static Address addressOf(ECPoint publicKey) {
        return addressOfPublicKey(publicKey.getEncoded(false), 1);
    }

    /** The last 20 bytes of keccak256 of the 64-byte uncompressed public key (x then y) at {@code offset}. */
    private static Address addressOfPublicKey(byte[] encoded, int offset) {
        byte[] hash = Keccak.keccak256(encoded, offset, 2 * COORDINATE_BYTES);
        return Address.wrap(Arrays.copyOfRange(hash, 12, 32));
    }

    private static boolean isScalar(UInt256 value) {
        return !value.isZero() && value.compareTo(N_WORD) < 0;
    }

    private static void checkPrivateKey(BigInteger privateKey) {
        if (privateKey.signum() <= 0 || privateKey.compareTo(N) >= 0) {
            throw new IllegalArgumentException("a private key lies in [1, n-1]");
        }
    }
}
