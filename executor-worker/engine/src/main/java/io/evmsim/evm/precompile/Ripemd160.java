package io.evmsim.evm.precompile;

import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/**
 * RIPEMD-160 at address 0x03 (Yellow Paper appendix E): 600 gas plus 120 per word; the 20-byte
 * digest is returned left-padded to a 32-byte word.
 */
public final class Ripemd160 implements Precompile {
    private static final long BASE_GAS = 600;
    private static final long WORD_GAS = 120;

    @Override
    public long gasCost(byte[] input) {
        return WordGas.linear(BASE_GAS, WORD_GAS, input.length);
    }

    @Override
    public byte[] compute(byte[] input) {
        RIPEMD160Digest digest = new RIPEMD160Digest();
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 32 - digest.getDigestSize());
        return out;
    }
}
