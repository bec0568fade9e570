package io.evmsim.common.abi;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Solidity ABI type (the contract ABI specification, "Types"): {@code uint<M>}, {@code int<M>},
 * {@code address}, {@code bool}, {@code bytes<M>}, {@code bytes}, {@code string}, {@code T[k]},
 * {@code T[]} and tuples.
 *
 * @param size bits of an integer, bytes of a {@code bytes<M>}, the length of a fixed array (-1 for
 *     {@code T[]}); 0 otherwise
 * @param element an array's element type; null otherwise
 * @param components a tuple's members; empty otherwise
 */
public record AbiType(Kind kind, int size, AbiType element, List<AbiParam> components) {
    private static final Pattern ARRAY = Pattern.compile("(.+)\\[([0-9]*)]");
    private static final Pattern SIZED = Pattern.compile("(uint|int|bytes)([0-9]+)");
    /** Deeper nesting is refused: no contract needs it, and decoding must stay bounded. */
    private static final int MAX_DEPTH = 16;

    public enum Kind {
        UINT, INT, ADDRESS, BOOL, FIXED_BYTES, BYTES, STRING, ARRAY, TUPLE
    }

    public AbiType {
        components = List.copyOf(components);
    }

    /**
     * Parses {@code type} as a JSON ABI's {@code type} field gives it, with the {@code components}
     * of a {@code tuple}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static AbiType parse(String type, List<AbiParam> components) {
        return parse(type, components, 0);
    }

    private static AbiType parse(String type, List<AbiParam> components, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("type nested deeper than " + MAX_DEPTH + " levels");
        }
        Matcher array = ARRAY.matcher(type);
        if (array.matches()) {
            int length = array.group(2).isEmpty() ? -1 : Integer.parseInt(array.group(2));
            if (array.group(2).length() > 6 || length == 0) {
                throw new IllegalArgumentException("array length out of range in " + type);
            }
            return new AbiType(Kind.ARRAY, length, parse(array.group(1), components, depth + 1), List.of());
        }
        switch (type) {
            case "address":
                return new AbiType(Kind.ADDRESS, 0, null, List.of());
            case "bool":
                return new AbiType(Kind.BOOL, 0, null, List.of());
            case "bytes":
                return new AbiType(Kind.BYTES, 0, null, List.of());
            case "string":
                return new AbiType(Kind.STRING, 0, null, List.of());
            case "uint":
                return new AbiType(Kind.UINT, 256, null, List.of());
            case "int":
                return new AbiType(Kind.INT, 256, null, List.of());
            case "function":
                return new AbiType(Kind.FIXED_BYTES, 24, null, List.of());
            case "tuple":
                if (components == null || components.isEmpty()) {
                    throw new IllegalArgumentException("a tuple needs its components");
                }
                return new AbiType(Kind.TUPLE, 0, null, components);
            default:
                break;
        }
        Matcher sized = SIZED.matcher(type);
        if (sized.matches() && sized.group(2).length() <= 3) {
            int size = Integer.parseInt(sized.group(2));
            boolean bytes = sized.group(1).equals("bytes");
            if (bytes ? size >= 1 && size <= 32 : size >= 8 && size <= 256 && size % 8 == 0) {
                return new AbiType(bytes ? Kind.FIXED_BYTES : sized.group(1).equals("uint") ? Kind.UINT : Kind.INT, size,
                        null, List.of());
            }
        }
        throw new IllegalArgumentException("not an ABI type: " + type);
    }

    /** Encoded in the tail, with an offset in the head. */
    public boolean isDynamic() {
        return switch (kind) {
            case BYTES, STRING -> true;
            case ARRAY -> size < 0 || element.isDynamic();
            case TUPLE -> components.stream().anyMatch(c -> c.type().isDynamic());
            default -> false;
        };
    }

    /** The bytes its head takes: 32, or a static array's or tuple's whole encoding. */
    int headSize() {
        if (isDynamic()) {
            return 32;
        }
        return switch (kind) {
            case ARRAY -> size * element.headSize();
            case TUPLE -> components.stream().mapToInt(c -> c.type().headSize()).sum();
            default -> 32;
        };
    }

    /** The canonical name used in signatures: {@code uint256}, {@code (address,uint256)[]}. */
    public String canonical() {
        return switch (kind) {
            case UINT -> "uint" + size;
            case INT -> "int" + size;
            case ADDRESS -> "address";
            case BOOL -> "bool";
            case FIXED_BYTES -> "bytes" + size;
            case BYTES -> "bytes";
            case STRING -> "string";
            case ARRAY -> element.canonical() + "[" + (size < 0 ? "" : size) + "]";
            case TUPLE -> "(" + String.join(",", components.stream().map(c -> c.type().canonical()).toList()) + ")";
        };
    }
}
