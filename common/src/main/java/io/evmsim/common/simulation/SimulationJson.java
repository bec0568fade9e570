package io.evmsim.common.simulation;

import io.evmsim.common.json.EthereumTypesModule;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one JSON form of the simulation messages on Kafka, shared by the gateway and the worker:
 * addresses, hashes, byte strings and words as {@code 0x} hex, as Ethereum's JSON-RPC writes them.
 *
 * <p>Only for documents we write ourselves: a call tree nests two levels (a frame and its {@code calls})
 * per call frame, and the EVM allows 1,024 frames, well past Jackson's default limit of 500 levels.
 * Requests from clients are parsed with Jackson's defaults, never with this mapper.
 */
public final class SimulationJson {
    /** The EVM's call depth limit (yellow paper, section 9.4.2 {@code e}: 1024). */
    private static final int MAX_CALL_DEPTH = 1024;
    /** Two levels per call frame, and room for the envelope (result, transaction, logs of a frame). */
    public static final int MAX_NESTING_DEPTH = 2 * MAX_CALL_DEPTH + 64;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .build())
            .addModule(ethereumTypes()).build();

    private SimulationJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object message) {
        return MAPPER.writeValueAsBytes(message);
    }

    /** A document tree as JSON text, within this mapper's nesting limit (a node's {@code toString} has Jackson's). */
    public static String text(Object document) {
        return MAPPER.writeValueAsString(document);
    }

    public static <T> T read(byte[] json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }

    /** Serializers for the Ethereum value types; register it in any mapper that writes them. */
    public static SimpleModule ethereumTypes() {
        return EthereumTypesModule.lenient();
    }
}
