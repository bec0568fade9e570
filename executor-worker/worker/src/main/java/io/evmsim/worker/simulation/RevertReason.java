package io.evmsim.worker.simulation;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.transaction.TransactionResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The revert data decoded as Solidity writes it: {@code Error(string)} (selector 0x08c379a0),
 * {@code Panic(uint256)} (0x4e487b71, codes from the Solidity documentation) or a custom error's selector.
 */
final class RevertReason {
    private static final String ERROR = "0x08c379a0";
    private static final String PANIC = "0x4e487b71";
    private static final Map<Integer, String> PANIC_CODES = Map.of(
            0x00, "generic compiler panic", 0x01, "assertion failed", 0x11, "arithmetic overflow or underflow",
            0x12, "division or modulo by zero", 0x21, "conversion to an invalid enum value",
            0x22, "incorrectly encoded storage byte array", 0x31, "pop() on an empty array",
            0x32, "array index out of bounds", 0x41, "too much memory allocated",
            0x51, "call to a zero-initialized internal function");

    private RevertReason() {
    }

    static Optional<ObjectNode> decode(TransactionResult result) {
        byte[] data = result.output();
        if (!result.reverted() || data.length < 4) {
            return Optional.empty();
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        String selector = Hex.encode(Arrays.copyOf(data, 4));
        if (selector.equals(ERROR) && data.length >= 68) {
            UInt256 length = UInt256.fromBytes(data, 36, 32);
            if (length.fitsLong() && 68 + length.toLong() <= data.length) {
                node.put("kind", "Error");
                node.put("message", new String(data, 68, (int) length.toLong(), StandardCharsets.UTF_8));
                return Optional.of(node);
            }
        }
        if (selector.equals(PANIC) && data.length >= 36) {
            UInt256 code = UInt256.fromBytes(data, 4, 32);
            node.put("kind", "Panic");
            node.put("code", code.toString());
            node.put("message", code.fitsLong() && PANIC_CODES.containsKey((int) code.toLong())
                    ? PANIC_CODES.get((int) code.toLong()) : "unknown panic code");
            return Optional.of(node);
        }
        node.put("kind", "custom");
        node.put("selector", selector);
        return Optional.of(node);
    }
}
