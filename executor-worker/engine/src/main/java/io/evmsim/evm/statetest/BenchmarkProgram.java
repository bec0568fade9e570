package io.evmsim.evm.statetest;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.Address;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.fork.Fork;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.state.InMemoryWorldState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A benchmark program in state-test format: the code of the transaction's {@code to} account,
 * run once per entry of {@code transaction.data[]} (named by {@code _info.labels}); or, where
 * {@code transaction} is a list of scalar transactions, once per transaction (named tx0, tx1...).
 */
public record BenchmarkProgram(String name, String input, Supplier<InMemoryWorldState> preState, BlockContext block,
        Address sender, Address to, byte[] data, long gasLimit) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every program and input of a file, with the block of the given fork. */
    public static List<BenchmarkProgram> load(Path file, Fork fork) {
        JsonNode root = JSON.readTree(file.toFile());
        List<BenchmarkProgram> programs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> test : root.properties()) {
            JsonNode t = test.getValue();
            JsonNode tx = t.get("transaction");
            Supplier<InMemoryWorldState> pre = StateTestParser.preState(t.get("pre"));
            BlockContext block = StateTestParser.block(t.get("env"), ForkRules.forFork(fork), 1);
            if (tx.isArray()) {
                // a list of scalar transactions (the revmc contract inputs): each one a call
                for (int i = 0; i < tx.size(); i++) {
                    JsonNode call = tx.get(i);
                    requireNoValue(file, test.getKey(), call.get("value"));
                    programs.add(new BenchmarkProgram(test.getKey(), "tx" + i, pre, block, address(call, "sender"),
                            address(call, "to"), Hex.decode(call.get("data").asString()),
                            StateTestParser.quantity(call.get("gasLimit")).toLong()));
                }
                continue;
            }
            JsonNode labels = t.has("_info") ? t.get("_info").get("labels") : null;
            JsonNode data = tx.get("data");
            for (int i = 0; i < data.size(); i++) {
                String label = labels != null && labels.has(Integer.toString(i))
                        ? labels.get(Integer.toString(i)).asString() : Integer.toString(i);
                programs.add(new BenchmarkProgram(test.getKey(), label, pre, block, address(tx, "sender"),
                        address(tx, "to"), Hex.decode(data.get(i).asString()),
                        StateTestParser.quantity(tx.get("gasLimit").get(0)).toLong()));
            }
        }
        return programs;
    }

    private static Address address(JsonNode tx, String field) {
        return Address.fromHex(tx.get(field).asString());
    }

    /** Programs run as calls without a value transfer; an input that sends value is refused, not run differently. */
    private static void requireNoValue(Path file, String name, JsonNode value) {
        if (value != null && !StateTestParser.quantity(value).isZero()) {
            throw new IllegalArgumentException(file + " " + name + ": transaction value " + value.asString()
                    + " is not supported; benchmark calls carry no value");
        }
    }
}
