package io.evmsim.evm.precompile;

import ethereum.ckzg4844.CKZG4844JNI;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The KZG point evaluation precompile at address 0x0a (EIP-4844): verifies that the blob
 * committed to by {@code commitment}, read as a polynomial p, has p(z) = y.
 *
 * <p>Input is exactly 192 bytes: versioned_hash (32), z (32), y (32), commitment (48), proof
 * (48). The versioned hash must be {@code 0x01 || sha256(commitment)[1:]}, z and y must be
 * canonical field elements (below BLS_MODULUS) and the proof must verify; any other input fails.
 * Output: FIELD_ELEMENTS_PER_BLOB and BLS_MODULUS as two 32-byte big-endian words.
 */
public final class KzgPointEvaluation implements Precompile {
    private static final long GAS = 50_000;
    private static final int INPUT_LENGTH = 192;
    private static final byte VERSIONED_HASH_VERSION_KZG = 0x01;
    private static final int FIELD_ELEMENTS_PER_BLOB = 4096;
    private static final BigInteger BLS_MODULUS = new BigInteger(
            "52435875175126190479447740508185965837690552500527637822603658699938581184513");
    private static final byte[] SUCCESS_OUTPUT = successOutput();

    @Override
    public long gasCost(byte[] input) {
        return GAS;
    }

    @Override
    public byte[] compute(byte[] input) {
        if (input.length != INPUT_LENGTH) {
            return null;
        }
        byte[] versionedHash = Arrays.copyOfRange(input, 0, 32);
        byte[] z = Arrays.copyOfRange(input, 32, 64);
        byte[] y = Arrays.copyOfRange(input, 64, 96);
        byte[] commitment = Arrays.copyOfRange(input, 96, 144);
        byte[] proof = Arrays.copyOfRange(input, 144, 192);

        if (!MessageDigest.isEqual(versionedHash, versionedHash(commitment))) {
            return null;
        }
        // the library rejects these too, but saying it here keeps the rule visible (EIP-4844
        // verify_kzg_proof: bytes_to_bls_field asserts the value is below BLS_MODULUS)
        if (!isCanonicalFieldElement(z) || !isCanonicalFieldElement(y)) {
            return null;
        }
        KzgTrustedSetup.ensureLoaded();
        boolean valid;
        try {
            valid = CKZG4844JNI.verifyKzgProof(commitment, z, y, proof);
        } catch (RuntimeException e) {
            // C-KZG-4844 reports malformed points (not on the curve, not in the subgroup, bad
            // compression flags) as exceptions: for the EVM they are plain failures
            return null;
        }
        return valid ? SUCCESS_OUTPUT.clone() : null;
    }

    /** {@code 0x01 || sha256(commitment)[1:]}, EIP-4844's kzg_to_versioned_hash. */
    static byte[] versionedHash(byte[] commitment) {
        byte[] hash = Sha256.digest(commitment);
        hash[0] = VERSIONED_HASH_VERSION_KZG;
        return hash;
    }

    private static boolean isCanonicalFieldElement(byte[] element) {
        return new BigInteger(1, element).compareTo(BLS_MODULUS) < 0;
    }

    private static byte[] successOutput() {
        byte[] out = new byte[64];
        System.arraycopy(PaddedInput.leftPad(BigInteger.valueOf(FIELD_ELEMENTS_PER_BLOB), 32), 0, out, 0, 32);
        System.arraycopy(PaddedInput.leftPad(BLS_MODULUS, 32), 0, out, 32, 32);
        return out;
    }
}
