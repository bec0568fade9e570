package io.evmsim.api.request;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of one JSON object strictly, naming the field's full path in every error.
 * Quantities are {@code 0x} hex strings, decimal strings or JSON integers (as JSON-RPC clients and
 * people write them); byte strings, addresses and hashes are {@code 0x} hex of exactly the right size.
 */
public final class JsonFields {
    private static final Pattern HEX_BYTES = Pattern.compile("0x([0-9a-fA-F]{2})*");
    private static final Pattern HEX_QUANTITY = Pattern.compile("0x[0-9a-fA-F]{1,64}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,78}");
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final JsonNode node;
    private final String path;

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The object at {@code path}; refuses anything else, and any member not in {@code allowed}. */
    public static JsonFields of(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException(path, "must be a JSON object");
        }
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw new InvalidRequestException(join(path, name), "unknown field");
            }
        }
        return new JsonFields(node, path);
    }

    public String path(String name) {
        return join(path, name);
    }

    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    public JsonNode raw(String name) {
        return has(name) ? node.get(name) : null;
    }

    public Address address(String name) {
        String text = hexText(name, 20);
        return text == null ? null : Address.fromHex(text);
    }

    public Hash hash(String name) {
        String text = hexText(name, 32);
        return text == null ? null : Hash.fromHex(text);
    }

    public byte[] bytes(String name) {
        String text = hexText(name, -1);
        return text == null ? null : Hex.decode(text);
    }

    public Boolean bool(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode value = node.get(name);
        if (!value.isBoolean()) {
            throw new InvalidRequestException(path(name), "must be true or false");
        }
        return value.booleanValue();
    }

    public UInt256 quantity(String name) {
        return has(name) ? quantity(node.get(name), path(name)) : null;
    }

    public Long uint64(String name) {
        return has(name) ? uint64(node.get(name), path(name)) : null;
    }

    /**
     * A number up to 2^64 - 1 as its 64 bits, for what the engine reads unsigned: an account's nonce
     * (geth takes a nonce override of 2^64 - 1 and answers "nonce has max value" with validation).
     */
    public Long unsignedUint64(String name) {
        if (!has(name)) {
            return null;
        }
        BigInteger number = integer(node.get(name), path(name));
        if (number.compareTo(MAX_UINT64) > 0) {
            throw new InvalidRequestException(path(name), "exceeds 2^64 - 1");
        }
        return number.longValue();
    }

    /** The elements of an array field (empty when absent). */
    public List<JsonNode> array(String name, int maxElements) {
        if (!has(name)) {
            return List.of();
        }
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            throw new InvalidRequestException(path(name), "must be an array");
        }
        if (value.size() > maxElements) {
            throw new InvalidRequestException(path(name), "at most " + maxElements + " elements, got " + value.size());
        }
        List<JsonNode> elements = new ArrayList<>(value.size());
        value.forEach(elements::add);
        return elements;
    }

    public static UInt256 quantity(JsonNode value, String field) {
        BigInteger number = integer(value, field);
        if (number.bitLength() > 256) {
            throw new InvalidRequestException(field, "exceeds 2^256 - 1");
        }
        return UInt256.fromBigInteger(number);
    }

    public static long uint64(JsonNode value, String field) {
        BigInteger number = integer(value, field);
        if (number.compareTo(MAX_UINT64) > 0) {
            throw new InvalidRequestException(field, "exceeds 2^64 - 1");
        }
        if (number.bitLength() > 63) {
            throw new InvalidRequestException(field, "exceeds 2^63 - 1, the largest value this service takes");
        }
        return number.longValue();
    }

    public static Address address(JsonNode value, String field) {
        return Address.fromHex(hexText(value, field, 20));
    }

    public static byte[] bytes(JsonNode value, String field) {
        return Hex.decode(hexText(value, field, -1));
    }

    public static Hash hash(JsonNode value, String field) {
        return Hash.fromHex(hexText(value, field, 32));
    }

    private static BigInteger integer(JsonNode value, String field) {
        if (value.isIntegralNumber()) {
            BigInteger number = value.bigIntegerValue();
            if (number.signum() < 0) {
                throw new InvalidRequestException(field, "must not be negative");
            }
            return number;
        }
        if (value.isNumber()) {
            throw new InvalidRequestException(field, "must be an integer");
        }
        if (!value.isString()) {
            throw new InvalidRequestException(field, "must be a 0x hex quantity or a decimal number");
        }
        String text = value.stringValue();
        if (text.startsWith("-")) {
            throw new InvalidRequestException(field, "must not be negative");
        }
        if (HEX_QUANTITY.matcher(text).matches()) {
            return new BigInteger(text.substring(2), 16);
        }
        if (DECIMAL.matcher(text).matches()) {
            return new BigInteger(text);
        }
        if (text.startsWith("0x") && text.length() > 66) {
            throw new InvalidRequestException(field, "exceeds 2^256 - 1");
        }
        throw new InvalidRequestException(field, "must be a 0x hex quantity or a decimal number, got \"" + text + "\"");
    }

    private String hexText(String name, int size) {
        return has(name) ? hexText(node.get(name), path(name), size) : null;
    }

    /** {@code 0x} followed by whole bytes; exactly {@code size} bytes unless size is -1. */
    private static String hexText(JsonNode value, String field, int size) {
        if (!value.isString() || !HEX_BYTES.matcher(value.stringValue()).matches()) {
            throw new InvalidRequestException(field, "must be 0x-prefixed hex with an even number of digits");
        }
        String text = value.stringValue();
        int bytes = (text.length() - 2) / 2;
        if (size >= 0 && bytes != size) {
            throw new InvalidRequestException(field, "must be " + size + " bytes, got " + bytes);
        }
        return text;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
