package io.evmsim.common.tx;

/** A one-byte prefix before an RLP payload: typed envelopes (EIP-2718) and EIP-7702's signed message. */
final class Prefixed {
    private Prefixed() {
    }

    static byte[] of(int prefix, byte[] payload) {
        byte[] out = new byte[1 + payload.length];
        out[0] = (byte) prefix;
        System.arraycopy(payload, 0, out, 1, payload.length);
        return out;
    }
}
