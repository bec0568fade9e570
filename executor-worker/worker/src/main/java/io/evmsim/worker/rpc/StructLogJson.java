package io.evmsim.worker.rpc;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.trace.opcode.StructLog;
import io.evmsim.evm.trace.opcode.StructLogTrace;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * geth's default opcode logger output ({@code eth/tracers/logger}, {@code ExecutionResult}): gas,
 * failed, returnValue and one {@code structLogs} entry per instruction; memory in 32-byte words and
 * storage as 32-byte keys and values, all 0x-prefixed as anvil and current geth write them; the refund
 * counter only when it is not zero (geth's {@code omitempty}).
 */
final class StructLogJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StructLogJson() {
    }

    static ObjectNode of(StructLogTrace trace) {
        ObjectNode node = JSON.objectNode();
        node.put("gas", trace.gas());
        node.put("failed", trace.failed());
        node.put("returnValue", Hex.encode(trace.returnValue()));
        ArrayNode logs = node.putArray("structLogs");
        for (StructLog step : trace.structLogs()) {
            ObjectNode entry = logs.addObject();
            entry.put("pc", step.pc());
            entry.put("op", step.op());
            entry.put("gas", step.gas());
            entry.put("gasCost", step.gasCost());
            entry.put("depth", step.depth());
            if (step.stack() != null) {
                ArrayNode stack = entry.putArray("stack");
                for (UInt256 word : step.stack()) {
                    stack.add(word.toQuantity());
                }
            }
            if (step.memory() != null) {
                ArrayNode memory = entry.putArray("memory");
                for (int offset = 0; offset + 32 <= step.memory().length; offset += 32) {
                    memory.add(Hex.encode(java.util.Arrays.copyOfRange(step.memory(), offset, offset + 32)));
                }
            }
            if (step.storage() != null) {
                ObjectNode storage = entry.putObject("storage");
                for (Map.Entry<UInt256, UInt256> slot : step.storage().entrySet()) {
                    storage.put(Hex.encode(slot.getKey().toBytes32()), Hex.encode(slot.getValue().toBytes32()));
                }
            }
            if (step.refund() != 0) {
                entry.put("refund", step.refund());
            }
            if (step.error() != null) {
                entry.put("error", step.error());
            }
        }
        return node;
    }
}
