package io.evmsim.worker.result;

import io.evmsim.common.abi.Abis;
import io.evmsim.common.bytes.Hex;
import io.evmsim.common.simulation.ResultPart;
import io.evmsim.common.types.Address;
import io.evmsim.evm.decode.RevertReason;
import io.evmsim.evm.simulation.DecodedLog;
import io.evmsim.evm.simulation.GasReport;
import io.evmsim.evm.simulation.SimulationOptions;
import io.evmsim.evm.simulation.SimulationStatus;
import io.evmsim.evm.simulation.TransactionSimulation;
import io.evmsim.evm.transaction.IntrinsicGasBreakdown;
import io.evmsim.evm.transaction.TransactionResult;
import io.evmsim.worker.preview.Preview;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON result of one transaction, built from the engine's tracers. Other tools rely on the
 * names {@code status}, {@code gasUsed} (a number), {@code returnData}, {@code logs} (each with
 * {@code address}, {@code topics}, {@code data}) and {@code stateDiff} (geth's prestate tracer in
 * diff mode); the call tree, the gas per frame, decoded token events and asset changes come with them.
 * A request names the optional parts it wants ({@link ResultPart}); the others are neither traced nor written.
 */
public final class TransactionDocument {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TransactionDocument() {
    }

    /** {@code success}, {@code reverted}, {@code halted} or {@code invalid} (a gas cap that left too little included). */
    public static String outcome(TransactionSimulation simulation) {
        return switch (simulation.status()) {
            case SUCCESS -> "success";
            case REVERTED -> "reverted";
            case HALTED -> "halted";
            case INVALID, GAS_CAP_EXCEEDED -> "invalid";
            case TIME_LIMIT_EXCEEDED, SKIPPED -> throw new IllegalArgumentException(
                    "a " + simulation.status() + " transaction has no result document");
        };
    }

    /**
     * {@code options} with only the tracers the {@code include}d parts need: the call tree, the asset changes
     * the gas per frame and the preview (built on the asset changes) come from the call tracer, the state diff
     * from the prestate tracer.
     */
    public static SimulationOptions tracing(SimulationOptions options, Set<ResultPart> include) {
        boolean calls = include.contains(ResultPart.CALL_TREE) || include.contains(ResultPart.ASSET_CHANGES)
                || include.contains(ResultPart.GAS) || include.contains(ResultPart.PREVIEW);
        return options.withTracers(calls, include.contains(ResultPart.STATE_DIFF));
    }

    /**
     * The document with the {@code include}d parts, from a run {@link #tracing traced} for them, and the preview
     * a wallet shows ({@link PreviewJson}: fee, token metadata, summary and warnings) when there is one.
     */
    public static ObjectNode of(int index, TransactionSimulation simulation, Set<ResultPart> include,
            Preview preview) {
        ObjectNode doc = JSON.objectNode();
        doc.put("index", index);
        doc.put("status", outcome(simulation));
        TransactionResult result = simulation.result();
        if (simulation.status() == SimulationStatus.GAS_CAP_EXCEEDED) {
            doc.put("error", "gas limit " + simulation.transaction().gasLimit()
                    + " exceeds what the simulation's gas cap has left");
            doc.put("validationError", SimulationStatus.GAS_CAP_EXCEEDED.name());
        } else if (!result.isValid()) {
            doc.put("error", result.invalid().description());
            doc.put("validationError", result.invalid().name());
        } else if (result.halt() != null) {
            doc.put("error", result.halt().description());
            doc.put("haltReason", result.halt().name());
        }
        doc.put("gasLimit", simulation.transaction().gasLimit());
        if (result == null || !result.isValid()) {
            doc.put("gasUsed", 0);
            PreviewJson.write(doc, preview);
            return doc;
        }
        doc.put("gasUsed", result.gasUsed());
        doc.put("effectiveGasPrice", simulation.effectiveGasPrice().toString());
        doc.put("returnData", Hex.encode(result.output()));
        Abis abis = preview == null ? null : preview.abis();
        if (simulation.revertReason() != null) {
            doc.set("revert", revert(simulation.revertReason(), simulation.callTree().to(), result.output(), abis));
        }
        if (result.createdAddress() != null) {
            doc.put("contractAddress", result.createdAddress().toString());
        }
        if (include.contains(ResultPart.LOGS)) {
            doc.set("logs", logs(simulation, abis));
        }
        if (include.contains(ResultPart.GAS)) {
            doc.set("gas", gas(simulation.gas()));
        }
        if (include.contains(ResultPart.CALL_TREE)) {
            doc.set("callTree", CallTreeJson.of(simulation.callTree(), abis));
        }
        if (include.contains(ResultPart.STATE_DIFF)) {
            doc.set("stateDiff", StateDiffJson.of(simulation.stateDiff()));
        }
        if (include.contains(ResultPart.ASSET_CHANGES)) {
            doc.set("assetChanges", AssetChangesJson.of(simulation.assetChanges(), preview));
        }
        PreviewJson.write(doc, preview);
        return doc;
    }

    private static ArrayNode logs(TransactionSimulation simulation, Abis abis) {
        ArrayNode logs = JSON.arrayNode();
        for (DecodedLog decoded : simulation.logs()) {
            ObjectNode node = logs.addObject();
            node.put("address", decoded.log().address().toString());
            ArrayNode topics = node.putArray("topics");
            decoded.log().topics().forEach(topic -> topics.add(topic.toString()));
            node.put("data", Hex.encode(decoded.log().data()));
            if (decoded.event() != null) {
                node.set("event", TokenEventJson.of(decoded.event()));
            }
            ObjectNode event = abis == null ? null
                    : abis.event(decoded.log().address(), decoded.log().topics(), decoded.log().data());
            if (event != null) {
                node.set("decoded", event);
            }
        }
        return logs;
    }

    /** {@code intrinsic} and {@code total} as numbers; the parts, refund counter and frames beside them. */
    private static ObjectNode gas(GasReport gas) {
        ObjectNode node = JSON.objectNode();
        IntrinsicGasBreakdown intrinsic = gas.intrinsic();
        node.put("intrinsic", intrinsic.total());
        ObjectNode parts = node.putObject("intrinsicParts");
        parts.put("base", intrinsic.base());
        parts.put("calldata", intrinsic.calldata());
        parts.put("accessList", intrinsic.accessList());
        parts.put("creation", intrinsic.creation());
        parts.put("authorizations", intrinsic.authorizations());
        node.put("execution", gas.execution());
        node.put("refundCounter", gas.refundCounter());
        node.put("refund", gas.refund());
        node.put("refundCap", gas.refundCap());
        node.put("floor", gas.floor());
        node.put("floorApplied", gas.floorApplied());
        node.put("total", gas.gasUsed());
        ArrayNode frames = node.putArray("frames");
        gas.frames().forEach(frame -> {
            ObjectNode f = frames.addObject();
            f.put("depth", frame.depth());
            f.put("type", frame.type().name());
            f.put("to", frame.to() == null ? null : frame.to().toString());
            f.put("gas", frame.gas());
            f.put("gasUsed", frame.gasUsed());
        });
        return node;
    }

    /**
     * @param reverted the contract whose frame reverted, whose ABI is searched first for a custom error
     * @param data the revert data
     * @param abis decodes a custom error's name and arguments ({@code decoded}); null for none
     */
    static ObjectNode revert(RevertReason reason, Address reverted, byte[] data, Abis abis) {
        ObjectNode node = JSON.objectNode();
        switch (reason) {
            case RevertReason.ErrorMessage error -> {
                node.put("kind", "Error");
                node.put("message", error.message());
            }
            case RevertReason.Panic panic -> {
                node.put("kind", "Panic");
                node.put("code", panic.code().toString());
                node.put("message", panic.meaning());
            }
            case RevertReason.CustomError custom -> {
                node.put("kind", "custom");
                node.put("selector", custom.selectorHex());
                node.put("arguments", Hex.encode(custom.arguments()));
                ObjectNode decoded = abis == null ? null : abis.error(reverted, data);
                if (decoded != null) {
                    node.set("decoded", decoded);
                }
            }
        }
        return node;
    }
}
