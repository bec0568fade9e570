package io.evmsim.common.json;

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
import tools.jackson.databind.module.SimpleModule;

/**
 * Jackson serializers for the Ethereum value types, as JSON-RPC writes them: addresses, hashes and
 * byte strings as {@code 0x} hex, words as {@code 0x} quantities; also as map keys. A value that
 * does not parse is reported as a mismatch naming the type and the text.
 */
public final class EthereumTypesModule {
    private EthereumTypesModule() {
    }

    /** Words accept {@code 0x} hex or decimal text. */
    public static SimpleModule lenient() {
        return create("ethereum-types", UInt256::parse);
    }

    /** Words must be {@code 0x} hex, so that "10" cannot be read two ways (protocols between our services). */
    public static SimpleModule strict() {
        return create("ethereum-types-strict", EthereumTypesModule::parseHexWord);
    }

    private static SimpleModule create(String name, Function<String, UInt256> wordParser) {
        SimpleModule module = new SimpleModule(name);
        register(module, Address.class, Address::toString, Address::fromHex);
        register(module, Hash.class, Hash::toString, Hash::fromHex);
        register(module, UInt256.class, UInt256::toQuantity, wordParser);
        register(module, byte[].class, Hex::encode, Hex::decode);
        return module;
    }

    private static UInt256 parseHexWord(String text) {
        if (!Hex.hasPrefix(text)) {
            throw new IllegalArgumentException("a 256-bit word must be 0x-hex: " + text);
        }
        return UInt256.parse(text);
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
                String text = parser.getValueAsString();
                try {
                    return parse.apply(text);
                } catch (IllegalArgumentException e) {
                    return context.reportInputMismatch(type, "invalid %s '%s': %s", type.getSimpleName(), text,
                            e.getMessage());
                }
            }
        });
        module.addKeyDeserializer(type, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext context) {
                try {
                    return parse.apply(key);
                } catch (IllegalArgumentException e) {
                    return context.reportInputMismatch(type, "invalid %s key '%s': %s", type.getSimpleName(), key,
                            e.getMessage());
                }
            }
        });
    }
}
