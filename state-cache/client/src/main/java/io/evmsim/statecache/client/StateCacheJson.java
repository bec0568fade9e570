package io.evmsim.statecache.client;

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
 * The JSON of the state-cache protocol: addresses and hashes as 0x-hex, 256-bit words as 0x-quantities (as
 * JSON-RPC writes them), also as map keys. The service and the client use the same module.
 */
public final class StateCacheJson {
    private StateCacheJson() {
    }

    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("evmsim-state-cache");
        register(module, Address.class, Address::fromHex, Address::toString);
        register(module, Hash.class, Hash::fromHex, Hash::toString);
        register(module, UInt256.class, StateCacheJson::parseWord, UInt256::toQuantity);
        return module;
    }

    public static JsonMapper mapper() {
        return JsonMapper.builder().addModule(module()).build();
    }

    /** A 0x-hex word; decimal text is refused so that "10" cannot be read two ways. */
    static UInt256 parseWord(String text) {
        if (!Hex.hasPrefix(text)) {
            throw new IllegalArgumentException("a 256-bit word must be 0x-hex: " + text);
        }
        return UInt256.parse(text);
    }

    private static <T> void register(SimpleModule module, Class<T> type, Function<String, T> parse,
            Function<T, String> format) {
        module.addSerializer(type, new ValueSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeString(format.apply(value));
            }
        });
        module.addKeySerializer(type, new ValueSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeName(format.apply(value));
            }
        });
        module.addDeserializer(type, new ValueDeserializer<T>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) {
                String text = p.getValueAsString();
                try {
                    return parse.apply(text);
                } catch (IllegalArgumentException e) {
                    return ctxt.reportInputMismatch(type, "invalid %s '%s': %s", type.getSimpleName(), text,
                            e.getMessage());
                }
            }
        });
        module.addKeyDeserializer(type, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext ctxt) {
                try {
                    return parse.apply(key);
                } catch (IllegalArgumentException e) {
                    return ctxt.reportInputMismatch(type, "invalid %s key '%s': %s", type.getSimpleName(), key,
                            e.getMessage());
                }
            }
        });
    }
}
