package io.evmsim.evm.precompile;

import io.evmsim.common.bytes.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One case of a vector file under {@code src/test/resources/precompiles/}, in go-ethereum's
 * layout ({@code Name}, {@code Input}, {@code Expected} or {@code ExpectedError}, {@code Gas}).
 * Fields a file does not have read as null (texts) or -1 (gas).
 */
record TestVector(String name, byte[] input, byte[] expected, String expectedError, JsonNode fields) {

    /** Whether the precompile must fail (return null) on this input. */
    boolean expectsFailure() {
        return expectedError != null;
    }

    long gas(String field) {
        JsonNode gas = fields.get(field);
        return gas == null ? -1 : gas.asLong();
    }

    boolean flagged(String field) {
        JsonNode flag = fields.get(field);
        return flag != null && flag.asBoolean();
    }

    @Override
    public String toString() {
        return name;
    }

    static List<TestVector> load(String fileName) {
        String resource = "/precompiles/" + fileName;
        try (InputStream in = TestVector.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            List<TestVector> vectors = new ArrayList<>();
            for (JsonNode node : new ObjectMapper().readTree(in)) {
                vectors.add(new TestVector(
                        node.get("Name").asString(),
                        Hex.decode(node.get("Input").asString()),
                        node.has("Expected") ? Hex.decode(node.get("Expected").asString()) : null,
                        node.has("ExpectedError") ? node.get("ExpectedError").asString() : null,
                        node));
            }
            return vectors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
