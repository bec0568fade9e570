package io.evmsim.worker.rpc;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.Hash;
import io.evmsim.evm.trace.call.CallFrame;
import io.evmsim.evm.trace.call.CallLog;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** geth's {@code callTracer} output ({@code eth/tracers/native/call.go}, {@code callFrame} JSON). */
final class CallTraceJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CallTraceJson() {
    }

    static ObjectNode of(CallFrame frame, boolean withLog) {
        ObjectNode node = JSON.objectNode();
        node.put("from", frame.from().toString());
        node.put("gas", Quantities.hex(frame.gas()));
        node.put("gasUsed", Quantities.hex(frame.gasUsed()));
        if (frame.to() != null) {
            node.put("to", frame.to().toString());
        }
        node.put("input", Hex.encode(frame.input()));
        if (frame.output() != null && frame.output().length > 0) { // geth: output,omitempty
            node.put("output", Hex.encode(frame.output()));
        }
        if (frame.error() != null) {
            node.put("error", frame.error());
        }
        if (frame.revertReason() != null && frame.revertReason().text() != null) {
            node.put("revertReason", frame.revertReason().text());
        }
        if (withLog && !frame.logs().isEmpty()) {
            ArrayNode logs = node.putArray("logs");
            for (CallLog log : frame.logs()) {
                ObjectNode entry = logs.addObject();
                entry.put("address", log.address().toString());
                ArrayNode topics = entry.putArray("topics");
                for (Hash topic : log.topics()) {
                    topics.add(topic.toString());
                }
                entry.put("data", Hex.encode(log.data()));
                if (log.index() >= 0) {
                    entry.put("index", Quantities.hex(log.index()));
                }
                entry.put("position", Quantities.hex(log.position()));
            }
        }
        if (frame.value() != null) {
            node.put("value", frame.value().toQuantity());
        }
        node.put("type", frame.type().name());
        if (!frame.calls().isEmpty()) {
            ArrayNode calls = node.putArray("calls");
            for (CallFrame child : frame.calls()) {
                calls.add(of(child, withLog));
            }
        }
        return node;
    }
}
