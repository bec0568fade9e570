package io.evmsim.worker.witness;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.simulation.ResultPart;
import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.ChainDescription;
import io.evmsim.statecache.client.Protocol;
import io.evmsim.statecache.client.StateCacheJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A simulation's witness as JSON: {@code debug_executionWitness}'s {@code state}, {@code codes}, {@code keys} and
 * {@code headers}; the chain ({@code chainId}, its fork schedule) and the rules the block ran under ({@code fork},
 * {@code blobSchedule}); the request as the worker received it (overrides as given); and the result replay compares
 * ({@code result}: each transaction's status, gas used, return data, logs and state diff) with its {@code digest},
 * keccak256 of the result's canonical JSON (keys sorted, no whitespace).
 */
public final class WitnessDocument {
    /** The parts of a transaction's result the witness carries, and the tracers they need. */
    public static final Set<ResultPart> RESULT_PARTS = Collections.unmodifiableSet(
            EnumSet.of(ResultPart.LOGS, ResultPart.STATE_DIFF));
    private static final List<String> RESULT_FIELDS = List.of("index", "status", "gasUsed", "returnData", "logs",
            "stateDiff");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Built once: a mapper's first use of a type builds its serializers. */
    private static final JsonMapper CHAIN_JSON = StateCacheJson.mapper();

    private WitnessDocument() {
    }

    /** The fields of a transaction's result document (built with {@link #RESULT_PARTS}) that the witness keeps. */
    public static ObjectNode entry(JsonNode transactionDocument) {
        ObjectNode entry = JSON.objectNode();
        for (String field : RESULT_FIELDS) {
            if (transactionDocument.has(field)) {
                entry.set(field, transactionDocument.get(field));
            }
        }
        return entry;
    }

    /** keccak256 of the canonical JSON of {@code result}. */
    public static String digest(JsonNode result) {
        return Hex.encode(Keccak.keccak256(SimulationJson.text(canonical(result)).getBytes(StandardCharsets.UTF_8)));
    }

    public static ObjectNode of(Protocol.WitnessResponse parts, BlockHeader pinned, ChainDescription chain,
            JsonNode fork, JsonNode blobSchedule, SimulationRequest request, List<ObjectNode> transactions) {
        ObjectNode doc = JSON.objectNode();
        strings(doc.putArray("state"), parts.state());
        strings(doc.putArray("codes"), parts.codes());
        strings(doc.putArray("keys"), parts.keys());
        strings(doc.putArray("headers"), parts.headers());
        if (parts.unprovable() != null && !parts.unprovable().isEmpty()) {
            ArrayNode unprovable = doc.putArray("unprovable");
            parts.unprovable().forEach(u -> unprovable.addObject().put("key", u.key()).put("reason", u.reason()));
        }
        doc.put("chainId", pinned.chainId());
        ObjectNode block = doc.putObject("block");
        block.put("number", pinned.number());
        block.put("hash", pinned.hash().toString());
        doc.set("fork", fork);
        doc.set("blobSchedule", blobSchedule);
        doc.set("chain", CHAIN_JSON.valueToTree(chain));
        doc.set("request", SimulationJson.mapper().valueToTree(request));
        ObjectNode result = JSON.objectNode();
        result.putArray("transactions").addAll(transactions);
        doc.set("result", result);
        doc.put("digest", digest(result));
        return doc;
    }

    private static void strings(ArrayNode array, List<String> values) {
        (values == null ? List.<String>of() : values).forEach(array::add);
    }

    /** A copy with every object's fields in key order. */
    static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.propertyNames());
            Collections.sort(names);
            ObjectNode sorted = JSON.objectNode();
            names.forEach(name -> sorted.set(name, canonical(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.arrayNode();
            node.forEach(element -> copy.add(canonical(element)));
            return copy;
        }
        return node;
    }
}
