package io.evmsim.evm.precompile;

import io.evmsim.common.crypto.Secp256k1;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import java.util.Arrays;

/**
 * ECRECOVER at address 0x01 (Yellow Paper, appendix E): the address that signed a hash. Input is
 * hash, v, r, s as four 32-byte words, right-padded with zeros; v must be 27 or 28 and r, s in
 * [1, n-1]. Unlike transaction signatures, a high s is accepted (EIP-2 does not apply here). It
 * never fails: invalid input returns empty output, still charging the fixed gas.
 */
public final class EcRecover implements Precompile {
    public static final long GAS = 3_000;
    private static final int WORD = 32;
    private static final int INPUT_LENGTH = 4 * WORD;
    private static final int V_OFFSET = WORD;
    private static final int R_OFFSET = 2 * WORD;
    private static final int S_OFFSET = 3 * WORD;
    private static final byte[] NO_OUTPUT = new byte[0];

    @Override
    public long gasCost(byte[] input) {
        return GAS;
    }

    @Override
    public byte[] compute(byte[] input) {
        byte[] words = input.length >= INPUT_LENGTH ? input : Arrays.copyOf(input, INPUT_LENGTH);
        int recoveryId = recoveryId(words);
        if (recoveryId < 0) {
            return NO_OUTPUT;
        }
        UInt256 r = UInt256.fromBytes(words, R_OFFSET, WORD);
        UInt256 s = UInt256.fromBytes(words, S_OFFSET, WORD);
        Address signer = Secp256k1.recoverAddress(Arrays.copyOf(words, WORD), recoveryId, r, s);
        if (signer == null) {
            return NO_OUTPUT;
        }
        byte[] output = new byte[WORD];
        signer.copyTo(output, WORD - Address.SIZE);
        return output;
    }

    /** v as a whole word must be exactly 27 or 28; anything else, high bytes included, is invalid. */
    private static int recoveryId(byte[] words) {
        for (int i = V_OFFSET; i < V_OFFSET + WORD - 1; i++) {
            if (words[i] != 0) {
                return -1;
            }
        }
        int v = words[V_OFFSET + WORD - 1] & 0xff;
        return v == 27 || v == 28 ? v - 27 : -1;
    }
}
