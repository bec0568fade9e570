package io.evmsim.worker.witness;

import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.worker.chain.ChainRules;
import io.evmsim.worker.simulation.RunBudget;
import io.evmsim.worker.simulation.SimulationExecutor;
import io.evmsim.worker.state.CodeStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code bin/evm replay WITNESS.json}: re-runs a simulation offline from its witness alone, through the worker's
 * own executor (the same request-to-transaction mapping, block context and overrides), on a {@link WitnessChain},
 * and compares each transaction's status, gas used, return data, logs and state diff with the witness's result.
 * Exit 0 when they match, 1 at the first difference, 2 when the witness fails a check.
 */
public final class Replay {
    public static final int MATCHES = 0;
    public static final int DIFFERS = 1;
    public static final int REFUSED = 2;
    /** Generous: a replay has no client waiting, only a person at a terminal. */
    private static final long REPLAY_DEADLINE_MILLIS = 600_000;

    private Replay() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) {
        if (args.length != 1) {
            out.println("usage: bin/evm replay WITNESS.json");
            return REFUSED;
        }
        JsonNode witness;
        try {
            witness = SimulationJson.mapper().readTree(Files.readAllBytes(Path.of(args[0])));
        } catch (IOException | JacksonException e) {
            out.println("replay: refused: cannot read " + args[0] + ": " + e.getMessage());
            return REFUSED;
        }
        Outcome outcome = replay(witness);
        out.println("replay: " + outcome.message());
        return outcome.code();
    }

    /** What a replay found: its exit code and what to print. */
    public record Outcome(int code, String message) {
    }

    public static Outcome replay(JsonNode witness) {
        WitnessChain chain;
        SimulationRequest recorded;
        try {
            chain = new WitnessChain(witness);
            recorded = SimulationJson.mapper().treeToValue(witness.get("request"), SimulationRequest.class);
        } catch (WitnessRefusedException | JacksonException e) {
            return new Outcome(REFUSED, "refused: " + e.getMessage());
        }
        JsonNode expected = witness.get("result");
        String digest = WitnessDocument.digest(expected);
        if (!digest.equals(witness.get("digest").asString())) {
            return new Outcome(REFUSED, "refused: the result hashes to " + digest + ", the witness's digest is "
                    + witness.get("digest").asString());
        }
        SimulationRequest request = new SimulationRequest(recorded.id(), recorded.replyTo(), recorded.kind(),
                recorded.block(), recorded.transactions(), recorded.stateOverrides(), recorded.blockOverrides(),
                recorded.stopOnRevert(), recorded.validation(), recorded.gasCap(), REPLAY_DEADLINE_MILLIS,
                System.currentTimeMillis(), recorded.rpc(), WitnessDocument.RESULT_PARTS, recorded.abis());
        CapturedResults capture = new CapturedResults();
        SimulationExecutor executor = new SimulationExecutor(chain, new CodeStore(chain, 256L << 20),
                new CodeCache(1_000), ChainRules.from(chain), 1_000, NO_METRICS);
        executor.run(request, RunBudget.of(request), capture);
        if (chain.unproven() != null) {
            return new Outcome(REFUSED, "refused: " + chain.unproven());
        }
        if (capture.error() != null) {
            return new Outcome(DIFFERS, "differs: the replay failed (" + capture.error() + ": "
                    + capture.errorMessage() + ") where the simulation had a result");
        }
        JsonNode summary = SimulationJson.mapper().readTree(capture.summary());
        if (!summary.path("fork").equals(witness.path("fork"))) {
            return new Outcome(DIFFERS, "differs: fork " + summary.path("fork") + ", the witness says "
                    + witness.path("fork"));
        }
        ArrayNode actual = JsonNodeFactory.instance.arrayNode();
        if (recorded.kind() == SimulationKind.SINGLE) {
            actual.add(WitnessDocument.entry(summary));
        } else {
            capture.transactions().forEach(json -> actual.add(WitnessDocument.entry(SimulationJson.mapper().readTree(json))));
        }
        String difference = firstDifference("result.transactions", expected.path("transactions"), actual);
        return difference == null ? new Outcome(MATCHES, "result matches")
                : new Outcome(DIFFERS, "differs: " + difference);
    }

    /** The path and both values of the first place the two differ, or null when they are equal. */
    static String firstDifference(String path, JsonNode expected, JsonNode actual) {
        if (expected.isObject() && actual.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.properties().iterator(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String difference = firstDifference(path + "." + field.getKey(), field.getValue(),
                        actual.path(field.getKey()));
                if (difference != null) {
                    return difference;
                }
            }
            for (String name : actual.propertyNames()) {
                if (!expected.has(name)) {
                    return path + "." + name + ": the witness has none, the replay has " + actual.get(name);
                }
            }
            return null;
        }
        if (expected.isArray() && actual.isArray()) {
            for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                String difference = firstDifference(path + "[" + i + "]", expected.get(i), actual.get(i));
                if (difference != null) {
                    return difference;
                }
            }
            return expected.size() == actual.size() ? null : path + ": " + expected.size()
                    + " entries in the witness, " + actual.size() + " in the replay";
        }
        return expected.equals(actual) ? null : path + ": the witness has " + expected + ", the replay has " + actual;
    }

    private static final SimulationExecutor.WorkerMetrics NO_METRICS = new SimulationExecutor.WorkerMetrics() {
        @Override
        public void record(String stage, long nanos) {
        }

        @Override
        public void gasUsed(long gas) {
        }
    };
}
