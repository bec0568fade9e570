package io.evmsim.common.abi;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A function, event or custom error of an ABI, with its signature and selector (or topic). */
public record AbiEntry(Kind kind, String name, List<AbiParam> inputs, List<AbiParam> outputs, boolean anonymous) {
    public enum Kind {
        FUNCTION, EVENT, ERROR
    }

    public AbiEntry {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** {@code name(type,...)} with canonical types. */
    public String signature() {
        return name + "(" + String.join(",", inputs.stream().map(p -> p.type().canonical()).toList()) + ")";
    }

    /** Keccak-256 of the signature: an event's topic 0. */
    public Hash hash() {
        return Keccak.hash(signature().getBytes(StandardCharsets.US_ASCII));
    }

    /** The first four bytes of {@link #hash()}: a function's or error's selector. */
    public byte[] selector() {
        return Arrays.copyOf(hash().toArray(), 4);
    }

    /**
     * A human-readable entry: {@code "Transfer(address indexed from, address indexed to, uint256 value)"}
     * (elementary and array types only, as the built-in interfaces need), with the outputs of a function
     * after {@code returns}: {@code "balanceOf(address owner) returns (uint256)"}.
     */
    static AbiEntry readable(Kind kind, String text) {
        int open = text.indexOf('(');
        String name = text.substring(0, open).trim();
        int close = text.indexOf(')', open);
        List<AbiParam> inputs = params(text.substring(open + 1, close));
        List<AbiParam> outputs = List.of();
        int returns = text.indexOf("returns", close);
        if (returns >= 0) {
            outputs = params(text.substring(text.indexOf('(', returns) + 1, text.lastIndexOf(')')));
        }
        return new AbiEntry(kind, name, inputs, outputs, false);
    }

    private static List<AbiParam> params(String list) {
        List<AbiParam> params = new ArrayList<>();
        if (list.isBlank()) {
            return params;
        }
        for (String param : list.split(",")) {
            String[] words = param.trim().split("\\s+");
            boolean indexed = words.length > 1 && words[1].equals("indexed");
            String name = words.length > (indexed ? 2 : 1) ? words[words.length - 1] : "";
            params.add(new AbiParam(name, AbiType.parse(words[0], List.of()), indexed));
        }
        return params;
    }
}
