package io.evmsim.common.crypto;

import io.evmsim.common.types.Hash;
import org.bouncycastle.crypto.digests.KeccakDigest;

/** Keccak-256 as Ethereum uses it (the original padding, not SHA3-256). */
public final class Keccak {
    private Keccak() {
    }

    public static byte[] keccak256(byte[] input) {
        return keccak256(input, 0, input.length);
    }

    public static byte[] keccak256(byte[] input, int offset, int length) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, offset, length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    public static Hash hash(byte[] input) {
        return Hash.wrap(keccak256(input));
    }
}
