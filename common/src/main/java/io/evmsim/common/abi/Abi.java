package io.evmsim.common.abi;

import io.evmsim.common.types.Hash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A contract's ABI (the JSON the compiler writes), indexed by function and error selector and by
 * event topic. Constructors, fallbacks and receive functions are accepted and not indexed.
 */
public final class Abi {
    /** An ABI larger than this is refused: decoding needs names, not a whole framework's interface. */
    public static final int MAX_ENTRIES = 2_000;
    private static final int MAX_PARAMS = 64;

    private final Map<String, AbiEntry> functions = new HashMap<>();
    private final Map<String, AbiEntry> errors = new HashMap<>();
    private final Map<Hash, List<AbiEntry>> events = new HashMap<>();

    public Abi(List<AbiEntry> entries) {
        for (AbiEntry entry : entries) {
            switch (entry.kind()) {
                case FUNCTION -> functions.putIfAbsent(key(entry.selector()), entry);
                case ERROR -> errors.putIfAbsent(key(entry.selector()), entry);
                case EVENT -> {
                    if (!entry.anonymous()) {
                        events.computeIfAbsent(entry.hash(), h -> new ArrayList<>()).add(entry);
                    }
                }
            }
        }
    }

    /**
     * Reads a JSON ABI (an array of entries).
     *
     * @throws IllegalArgumentException whose message starts with the JSON path of what is wrong
     *     ({@code [3].inputs[0].type}) relative to the array
     */
    public static Abi parse(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException(": must be an array of ABI entries");
        }
        if (array.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException(": at most " + MAX_ENTRIES + " entries");
        }
        List<AbiEntry> entries = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode entry = array.get(i);
            String path = "[" + i + "]";
            if (!entry.isObject()) {
                throw new IllegalArgumentException(path + ": must be an object");
            }
            String type = entry.path("type").asString("function");
            AbiEntry.Kind kind = switch (type) {
                case "function" -> AbiEntry.Kind.FUNCTION;
                case "event" -> AbiEntry.Kind.EVENT;
                case "error" -> AbiEntry.Kind.ERROR;
                case "constructor", "fallback", "receive" -> null;
                default -> throw new IllegalArgumentException(path + ".type: not an ABI entry type: " + type);
            };
            List<AbiParam> inputs = params(entry.get("inputs"), path + ".inputs", 0);
            if (kind == null) {
                continue;
            }
            String name = entry.path("name").asString("");
            if (!name.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
                throw new IllegalArgumentException(path + ".name: not an identifier: " + name);
            }
            List<AbiParam> outputs = kind == AbiEntry.Kind.FUNCTION ? params(entry.get("outputs"), path + ".outputs", 0)
                    : List.of();
            entries.add(new AbiEntry(kind, name, inputs, outputs, entry.path("anonymous").asBoolean(false)));
        }
        return new Abi(entries);
    }

    private static List<AbiParam> params(JsonNode node, String path, int depth) {
        List<AbiParam> params = new ArrayList<>();
        if (node == null || node.isNull()) {
            return params;
        }
        if (!node.isArray() || node.size() > MAX_PARAMS) {
            throw new IllegalArgumentException(path + ": must be an array of at most " + MAX_PARAMS + " parameters");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode param = node.get(i);
            String at = path + "[" + i + "]";
            if (!param.isObject() || !param.path("type").isString()) {
                throw new IllegalArgumentException(at + ".type: is required");
            }
            if (depth > 8) {
                throw new IllegalArgumentException(at + ": tuples nested too deep");
            }
            List<AbiParam> components = param.has("components")
                    ? params(param.get("components"), at + ".components", depth + 1) : List.of();
            try {
                String type = param.get("type").asString();
                params.add(new AbiParam(param.path("name").asString(""), AbiType.parse(type, components),
                        param.path("indexed").asBoolean(false)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ".type: " + e.getMessage(), e);
            }
        }
        return params;
    }

    public AbiEntry function(byte[] selector) {
        return functions.get(key(selector));
    }

    public AbiEntry error(byte[] selector) {
        return errors.get(key(selector));
    }

    /** The events with this topic 0 (ERC-20's and ERC-721's {@code Transfer} share one). */
    public List<AbiEntry> events(Hash topic) {
        return events.getOrDefault(topic, List.of());
    }

    private static String key(byte[] selector) {
        return HexFormat.of().formatHex(selector, 0, 4);
    }
}
