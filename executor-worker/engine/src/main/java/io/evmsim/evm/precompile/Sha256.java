package io.evmsim.evm.precompile;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA2-256 at address 0x02 (Yellow Paper appendix E): 60 gas plus 12 per word. */
public final class Sha256 implements Precompile {
    private static final long BASE_GAS = 60;
    private static final long WORD_GAS = 12;

    @Override
    public long gasCost(byte[] input) {
        return WordGas.linear(BASE_GAS, WORD_GAS, input.length);
    }

    @Override
    public byte[] compute(byte[] input) {
        return digest(input);
    }

    /** SHA-256 of {@code data}; also used for the KZG versioned hash (EIP-4844). */
    static byte[] digest(byte[] data) {
        try {
            // a new instance per call: MessageDigest is not thread-safe, and the JDK one uses
            // the CPU's SHA instructions where present
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
