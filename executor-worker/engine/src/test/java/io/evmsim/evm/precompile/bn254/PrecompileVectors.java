package io.evmsim.evm.precompile.bn254;

import io.evmsim.common.bytes.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Reads precompile test vectors in go-ethereum's JSON layout: Input, Expected, Name, Gas. */
final class PrecompileVectors {
    record Vector(String name, byte[] input, byte[] expected, long gas) {
        @Override
        public String toString() {
            return name;
        }
    }

    private PrecompileVectors() {
    }

    static List<Vector> load(String resource) {
        try (InputStream in = PrecompileVectors.class.getResourceAsStream("/precompiles/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<Vector> vectors = new ArrayList<>();
            for (JsonNode node : root) {
                vectors.add(new Vector(node.get("Name").asString(), Hex.decode(node.get("Input").asString()),
                        Hex.decode(node.get("Expected").asString()), node.get("Gas").asLong()));
            }
            return vectors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
