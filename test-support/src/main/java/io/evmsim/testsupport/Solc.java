package io.evmsim.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Compiles Solidity with solc-js (npm {@code solc}, pinned in tools/node) through node, offline. */
public final class Solc {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String COMPILE_STDIN =
            "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>process.stdout.write(require('solc').compile(s)))";

    /** One compiled contract: 0x-prefixed init code and runtime code, and the ABI as JSON. */
    public record Contract(String name, String bytecode, String deployedBytecode, String abi) {
    }

    private Solc() {
    }

    /** Compiles one source file; returns its contracts by name, or throws with the compiler's errors. */
    public static Map<String, Contract> compile(String source) {
        Map<String, Object> input = Map.of("language", "Solidity",
                "sources", Map.of("Main.sol", Map.of("content", source)),
                "settings", Map.of("optimizer", Map.of("enabled", true, "runs", 200),
                        "outputSelection", Map.of("*", Map.of("*",
                                List.of("abi", "evm.bytecode.object", "evm.deployedBytecode.object")))));
        JsonNode output = JSON.readTree(run(JSON.writeValueAsString(input)));
        for (JsonNode error : output.path("errors")) {
            if ("error".equals(error.path("severity").asString())) {
                throw new IllegalArgumentException("solc: " + error.path("formattedMessage").asString());
            }
        }
        Map<String, Contract> contracts = new LinkedHashMap<>();
        for (var entry : output.path("contracts").path("Main.sol").properties()) {
            JsonNode evm = entry.getValue().path("evm");
            contracts.put(entry.getKey(), new Contract(entry.getKey(),
                    "0x" + evm.path("bytecode").path("object").asString(),
                    "0x" + evm.path("deployedBytecode").path("object").asString(),
                    entry.getValue().path("abi").toString()));
        }
        return contracts;
    }

    private static String run(String standardJson) {
        try {
            Process node = new ProcessBuilder("node", "-e", COMPILE_STDIN)
                    .directory(NodeTools.installed().toFile()).start();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(node.getErrorStream()));
            try (OutputStream in = node.getOutputStream()) {
                in.write(standardJson.getBytes(StandardCharsets.UTF_8));
            }
            String out = read(node.getInputStream());
            if (node.waitFor() != 0) {
                throw new IllegalStateException("solc-js exited with " + node.exitValue() + ": " + stderr.join());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run node for solc-js", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling", e);
        }
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
