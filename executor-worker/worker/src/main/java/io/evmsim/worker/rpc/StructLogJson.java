package io.evmsim.worker.rpc;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.trace.opcode.StructLog;
import io.evmsim.evm.trace.opcode.StructLogTrace;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.util.RawValue;

/**
 * geth's default opcode logger output ({@code eth/tracers/logger}, {@code ExecutionResult}): gas,
 * failed, returnValue and one {@code structLogs} entry per instruction; memory in 32-byte words and
 * storage as 32-byte keys and values, all 0x-prefixed as anvil and current geth write them; return data
 * when enabled and not empty, the refund counter only when it is not zero (geth's {@code omitempty}).
 *
 * <p>Written straight to text, not built as a tree of nodes first: a trace near its ceiling holds a
 * few hundred thousand steps, and a node per value would take several times the text's memory.
 */
final class StructLogJson {
    private StructLogJson() {
    }

    /** The trace as a JSON value to place in the answer, written once. */
    static JsonNode of(StructLogTrace trace) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = SimulationJson.mapper().createGenerator(text)) {
            write(trace, json);
        }
        return JsonNodeFactory.instance.rawValueNode(new RawValue(text.toString()));
    }

    private static void write(StructLogTrace trace, JsonGenerator json) {
        json.writeStartObject();
        json.writeNumberProperty("gas", trace.gas());
        json.writeBooleanProperty("failed", trace.failed());
        json.writeStringProperty("returnValue", Hex.encode(trace.returnValue()));
        json.writeArrayPropertyStart("structLogs");
        for (StructLog step : trace.structLogs()) {
            json.writeStartObject();
            json.writeNumberProperty("pc", step.pc());
            json.writeStringProperty("op", step.op());
            json.writeNumberProperty("gas", step.gas());
            json.writeNumberProperty("gasCost", step.gasCost());
            json.writeNumberProperty("depth", step.depth());
            if (step.stack() != null) {
                json.writeArrayPropertyStart("stack");
                for (UInt256 word : step.stack()) {
                    json.writeString(word.toQuantity());
                }
                json.writeEndArray();
            }
            if (step.returnData() != null && step.returnData().length > 0) {
                json.writeStringProperty("returnData", Hex.encode(step.returnData()));
            }
            if (step.memory() != null) {
                json.writeArrayPropertyStart("memory");
                for (int offset = 0; offset + 32 <= step.memory().length; offset += 32) {
                    json.writeString(Hex.encode(Arrays.copyOfRange(step.memory(), offset, offset + 32)));
                }
                json.writeEndArray();
            }
            if (step.storage() != null) {
                json.writeObjectPropertyStart("storage");
                for (Map.Entry<UInt256, UInt256> slot : step.storage().entrySet()) {
                    json.writeStringProperty(Hex.encode(slot.getKey().toBytes32()),
                            Hex.encode(slot.getValue().toBytes32()));
                }
                json.writeEndObject();
            }
            if (step.refund() != 0) {
                json.writeNumberProperty("refund", step.refund());
            }
            if (step.error() != null) {
                json.writeStringProperty("error", step.error());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
