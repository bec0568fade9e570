package io.evmsim.common.simulation;

import io.evmsim.common.json.EthereumTypesModule;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one JSON form of the simulation messages on Kafka, shared by the gateway and the worker:
 * addresses, hashes, byte strings and words as {@code 0x} hex, as Ethereum's JSON-RPC writes them.
 */
public final class SimulationJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().addModule(ethereumTypes()).build();

    private SimulationJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object message) {
        return MAPPER.writeValueAsBytes(message);
    }

    public static <T> T read(byte[] json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }

    /** Serializers for the Ethereum value types; register it in any mapper that writes them. */
    public static SimpleModule ethereumTypes() {
        return EthereumTypesModule.lenient();
    }
}
