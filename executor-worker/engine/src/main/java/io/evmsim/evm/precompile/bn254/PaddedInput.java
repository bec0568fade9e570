package io.evmsim.evm.precompile.bn254;

/** Precompile input of a fixed length: shorter input reads as if right-padded with zeros (EIP-196). */
final class PaddedInput {
    private PaddedInput() {
    }

    /** The first {@code length} bytes of input, zero-padded on the right; longer input is cut. */
    static byte[] of(byte[] input, int length) {
        byte[] out = new byte[length];
        if (input != null) {
            System.arraycopy(input, 0, out, 0, Math.min(length, input.length));
        }
        return out;
    }
}
