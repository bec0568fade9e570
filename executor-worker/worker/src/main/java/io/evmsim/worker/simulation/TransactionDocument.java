package io.evmsim.worker.simulation;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.Hash;
import io.evmsim.evm.state.Log;
import io.evmsim.evm.transaction.EvmTransaction;
import io.evmsim.evm.transaction.GasBreakdown;
import io.evmsim.evm.transaction.TransactionResult;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The JSON result of one transaction: the names other tools rely on ({@code status}, {@code gasUsed}, ...). */
final class TransactionDocument {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TransactionDocument() {
    }

    static String outcome(TransactionResult result) {
        if (!result.isValid()) {
            return "invalid";
        }
        return result.halt() != null ? "halted" : result.reverted() ? "reverted" : "success";
    }

    static ObjectNode of(int index, EvmTransaction tx, TransactionResult result, ObjectNode stateDiff) {
        ObjectNode doc = JSON.objectNode();
        doc.put("index", index);
        doc.put("status", outcome(result));
        if (!result.isValid()) {
            doc.put("error", result.invalid().description());
            doc.put("validationError", result.invalid().name());
        } else if (result.halt() != null) {
            doc.put("error", result.halt().description());
            doc.put("haltReason", result.halt().name());
        }
        doc.put("gasUsed", result.gasUsed());
        doc.put("gasLimit", tx.gasLimit());
        doc.put("returnData", Hex.encode(result.output()));
        RevertReason.decode(result).ifPresent(reason -> doc.set("revert", reason));
        if (result.createdAddress() != null) {
            doc.put("contractAddress", result.createdAddress().toString());
        }
        doc.set("logs", logs(result));
        if (result.gas() != null) {
            doc.set("gas", gas(result.gas(), result.gasUsed()));
        }
        if (stateDiff != null) {
            doc.set("stateDiff", stateDiff);
        }
        return doc;
    }

    private static ArrayNode logs(TransactionResult result) {
        ArrayNode logs = JSON.arrayNode();
        for (Log log : result.logs()) {
            ObjectNode node = logs.addObject();
            node.put("address", log.address().toString());
            ArrayNode topics = node.putArray("topics");
            for (Hash topic : log.topics()) {
                topics.add(topic.toString());
            }
            node.put("data", Hex.encode(log.data()));
        }
        return logs;
    }

    private static ObjectNode gas(GasBreakdown gas, long gasUsed) {
        ObjectNode node = JSON.objectNode();
        node.put("intrinsic", gas.intrinsic());
        node.put("execution", gas.execution());
        node.put("refund", gas.refund());
        node.put("refundCap", (gas.intrinsic() + gas.execution()) / 5);
        node.put("floor", gas.floor());
        node.put("floorApplied", gas.floorApplied());
        node.put("total", gasUsed);
        return node;
    }
}
