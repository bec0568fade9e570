package io.evmsim.worker.result;

import io.evmsim.common.abi.AbiDecoder;
import io.evmsim.common.abi.AbiEntry;
import io.evmsim.common.abi.Abis;
import io.evmsim.common.bytes.Hex;
import io.evmsim.evm.trace.call.CallFrame;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The call tree with geth's {@code callTracer} fields, omitted where geth omits them; gas as numbers. */
final class CallTreeJson {
    private CallTreeJson() {
    }

    /**
     * @param abis decodes each call's function and arguments ({@code decoded}, with {@code outputs}) and
     *     its custom error ({@code revert.decoded}); null for none
     */
    static ObjectNode of(CallFrame frame, Abis abis) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", frame.type().name());
        node.put("from", frame.from().toString());
        if (frame.to() != null) {
            node.put("to", frame.to().toString());
        }
        if (frame.value() != null) {
            node.put("value", frame.value().toString());
        }
        node.put("gas", frame.gas());
        node.put("gasUsed", frame.gasUsed());
        node.put("input", Hex.encode(frame.input()));
        if (frame.output() != null) {
            node.put("output", Hex.encode(frame.output()));
        }
        if (frame.error() != null) {
            node.put("error", frame.error());
        }
        if (abis != null) {
            decodeCall(node, frame, abis);
        }
        if (frame.revertReason() != null) {
            node.set("revert", TransactionDocument.revert(frame.revertReason(), frame.to(), frame.output(), abis));
        }
        if (!frame.calls().isEmpty()) {
            ArrayNode calls = node.putArray("calls");
            frame.calls().forEach(child -> calls.add(of(child, abis)));
        }
        return node;
    }

    private static void decodeCall(ObjectNode node, CallFrame frame, Abis abis) {
        ObjectNode decoded = abis.call(frame.to(), frame.input());
        if (decoded == null) {
            return;
        }
        AbiEntry function = abis.function(frame.to(), frame.input());
        ArrayNode outputs = frame.failed() ? null : AbiDecoder.outputs(function, frame.output());
        if (outputs != null) {
            decoded.set("outputs", outputs);
        }
        node.set("decoded", decoded);
    }
}
