package io.evmsim.common.simulation;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.util.function.Function;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
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
        SimpleModule module = new SimpleModule("ethereum-types");
        register(module, Address.class, Address::toString, Address::fromHex);
        register(module, Hash.class, Hash::toString, Hash::fromHex);
        register(module, UInt256.class, UInt256::toString, UInt256::parse);
        register(module, byte[].class, Hex::encode, Hex::decode);
        return module;
    }

    private static <T> void register(SimpleModule module, Class<T> type, Function<T, String> format,
            Function<String, T> parse) {
        module.addSerializer(type, new ValueSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializationContext context) {
                gen.writeString(format.apply(value));
            }
        });
        module.addKeySerializer(type, new ValueSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializationContext context) {
                gen.writeName(format.apply(value));
            }
        });
        module.addDeserializer(type, new ValueDeserializer<T>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) {
                return parse.apply(parser.getString());
            }
        });
        module.addKeyDeserializer(type, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext context) {
                return parse.apply(key);
            }
        });
    }
}
