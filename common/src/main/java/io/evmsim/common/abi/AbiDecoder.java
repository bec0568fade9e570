package io.evmsim.common.abi;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes ABI-encoded values (the contract ABI specification, "Formal Specification of the
 * Encoding") into JSON: each argument as {@code {"name", "type", "value"}}; integers as decimal
 * strings, addresses, {@code bytes} and {@code bytes<M>} as 0x-hex, strings as text, arrays and tuples
 * as arrays. Every offset and length is checked against the data: malformed data decodes to null,
 * never to a guess.
 */
public final class AbiDecoder {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AbiDecoder() {
    }

    /** A call's input (selector, then arguments) or an error's revert data, decoded by {@code entry}; null when malformed. */
    public static ObjectNode withSelector(AbiEntry entry, byte[] data) {
        ArrayNode arguments = data.length < 4 ? null : decode(entry.inputs(), Arrays.copyOfRange(data, 4, data.length));
        return arguments == null ? null : named(entry, arguments);
    }

    /** A function's return data by its outputs; null when malformed or when it declares none. */
    public static ArrayNode outputs(AbiEntry function, byte[] output) {
        return function.outputs().isEmpty() || output == null ? null : decode(function.outputs(), output);
    }

    /**
     * An event: indexed arguments from topics 1.. (a dynamic indexed value is only its hash there), the
     * others from the data. Null when the topics or data do not fit the entry.
     */
    public static ObjectNode event(AbiEntry event, List<Hash> topics, byte[] data) {
        List<AbiParam> indexed = event.inputs().stream().filter(AbiParam::indexed).toList();
        if (topics.size() != indexed.size() + 1) {
            return null;
        }
        List<AbiParam> unindexed = event.inputs().stream().filter(p -> !p.indexed()).toList();
        ArrayNode fromData = decode(unindexed, data);
        if (fromData == null) {
            return null;
        }
        ArrayNode arguments = JSON.arrayNode();
        int topic = 1;
        int datum = 0;
        for (AbiParam param : event.inputs()) {
            if (param.indexed()) {
                byte[] word = topics.get(topic++).toArray();
                JsonNode value = param.type().isDynamic() || param.type().kind() == AbiType.Kind.TUPLE
                        || param.type().kind() == AbiType.Kind.ARRAY
                        ? JSON.stringNode(Hex.encode(word)) : value(param.type(), word, 0, 0);
                if (value == null) {
                    return null;
                }
                arguments.add(argument(param, value));
            } else {
                arguments.add(fromData.get(datum++));
            }
        }
        return named(event, arguments);
    }

    /** The values of {@code params} encoded as a tuple in {@code data}; null when malformed. */
    public static ArrayNode decode(List<AbiParam> params, byte[] data) {
        try {
            return tuple(params, data, 0, 0);
        } catch (Malformed e) {
            return null;
        }
    }

    private static ObjectNode named(AbiEntry entry, ArrayNode arguments) {
        ObjectNode node = JSON.objectNode();
        node.put("name", entry.name());
        node.put("signature", entry.signature());
        node.set("arguments", arguments);
        return node;
    }

    private static ObjectNode argument(AbiParam param, JsonNode value) {
        ObjectNode node = JSON.objectNode();
        node.put("name", param.name());
        node.put("type", param.type().canonical());
        node.set("value", value);
        return node;
    }

    private static ArrayNode tuple(List<AbiParam> params, byte[] data, int base, int depth) {
        ArrayNode values = JSON.arrayNode();
        int head = base;
        for (AbiParam param : params) {
            values.add(argument(param, at(param.type(), data, base, head, depth)));
            head += param.type().headSize();
        }
        return values;
    }

    /** The value whose head is at {@code head} in a tuple or array starting at {@code base}. */
    private static JsonNode at(AbiType type, byte[] data, int base, int head, int depth) {
        if (!type.isDynamic()) {
            return value(type, data, head, depth);
        }
        return value(type, data, base + offset(data, head), depth);
    }

    private static JsonNode value(AbiType type, byte[] data, int at, int depth) {
        if (depth > 32) {
            throw new Malformed();
        }
        return switch (type.kind()) {
            case UINT -> {
                BigInteger v = word(data, at).toBigInteger();
                if (v.bitLength() > type.size()) {
                    throw new Malformed();
                }
                yield JSON.stringNode(v.toString());
            }
            case INT -> {
                BigInteger v = new BigInteger(Arrays.copyOfRange(data, at, at + 32)); // two's complement
                if (v.bitLength() > type.size() - 1) {
                    throw new Malformed();
                }
                yield JSON.stringNode(v.toString());
            }
            case ADDRESS -> {
                if (word(data, at).bitLength() > 160) {
                    throw new Malformed();
                }
                yield JSON.stringNode(Address.fromWordBytes(data, at).toString());
            }
            case BOOL -> {
                UInt256 v = word(data, at);
                if (v.compareTo(UInt256.ONE) > 0) {
                    throw new Malformed();
                }
                yield JSON.booleanNode(v.equals(UInt256.ONE));
            }
            case FIXED_BYTES -> {
                word(data, at);
                yield JSON.stringNode(Hex.encode(Arrays.copyOfRange(data, at, at + type.size())));
            }
            case BYTES -> JSON.stringNode(Hex.encode(dynamicBytes(data, at)));
            case STRING -> JSON.stringNode(text(dynamicBytes(data, at)));
            case ARRAY -> {
                int length = type.size();
                int start = at;
                if (length < 0) {
                    length = offset(data, at);
                    start = at + 32;
                }
                if ((long) length * 32 > data.length - start) {
                    throw new Malformed(); // every element takes at least a word
                }
                ArrayNode array = JSON.arrayNode();
                int head = start;
                for (int i = 0; i < length; i++) {
                    array.add(at(type.element(), data, start, head, depth + 1));
                    head += type.element().headSize();
                }
                yield array;
            }
            case TUPLE -> tuple(type.components(), data, at, depth + 1);
        };
    }

    private static UInt256 word(byte[] data, int at) {
        if (at < 0 || at > data.length - 32) {
            throw new Malformed();
        }
        return UInt256.fromBytes(data, at, 32);
    }

    /** An offset or length: a word that fits an int and lies within the data. */
    private static int offset(byte[] data, int at) {
        UInt256 w = word(data, at);
        if (w.bitLength() > 31 || w.toLong() > data.length) {
            throw new Malformed();
        }
        return (int) w.toLong();
    }

    private static byte[] dynamicBytes(byte[] data, int at) {
        int length = offset(data, at);
        if ((long) at + 32 + length > data.length) {
            throw new Malformed();
        }
        return Arrays.copyOfRange(data, at + 32, at + 32 + length);
    }

    private static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Malformed();
        }
    }

    private static final class Malformed extends RuntimeException {
        Malformed() {
            super(null, null, false, false);
        }
    }
}
