package io.evmsim.worker.rpc;

/** JSON-RPC's number form: {@code 0x}-prefixed hex without leading zeros. */
final class Quantities {
    private Quantities() {
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
