package io.evmsim.evm.decode;

import io.evmsim.common.types.UInt256;
import java.util.Map;

/**
 * The meaning of each Solidity panic code (Solidity docs, "Panic via assert and Error via
 * require"), worded as geth's {@code abi.UnpackRevert} and ethers word them.
 */
public final class PanicCode {
    private static final Map<Long, String> MEANINGS = Map.of(
            0x00L, "generic panic",
            0x01L, "assert(false)",
            0x11L, "arithmetic underflow or overflow",
            0x12L, "division or modulo by zero",
            0x21L, "enum overflow",
            0x22L, "invalid encoded storage byte array accessed",
            0x31L, "out-of-bounds array access; popping on an empty array",
            0x32L, "out-of-bounds access of an array or bytesN",
            0x41L, "out of memory",
            0x51L, "uninitialized function");

    private PanicCode() {
    }

    /** The meaning, or {@code unknown panic code: 0x..} as geth writes it. */
    public static String meaning(UInt256 code) {
        String known = code.fitsLong() ? MEANINGS.get(code.toLong()) : null;
        return known != null ? known : "unknown panic code: " + code.toQuantity();
    }
}
