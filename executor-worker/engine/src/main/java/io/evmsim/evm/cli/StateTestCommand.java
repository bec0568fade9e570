package io.evmsim.evm.cli;

import io.evmsim.evm.fork.Fork;
import io.evmsim.evm.statetest.StateTestCase;
import io.evmsim.evm.statetest.StateTestParser;
import io.evmsim.evm.statetest.StateTestRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code evm statetest [--fork NAME] [--trace] PATH...}: runs every case of the state-test files
 * under each path, prints one FAIL line per failure and ends with {@code N passed, N failed, N skipped}.
 */
final class StateTestCommand {
    private StateTestCommand() {
    }

    static int run(List<String> args, PrintStream out) throws IOException {
        Fork onlyFork = null;
        boolean trace = false;
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--fork" -> {
                    String name = args.get(++i);
                    onlyFork = Fork.byName(name);
                    if (onlyFork == null) {
                        throw new IllegalArgumentException("unsupported fork '" + name + "'");
                    }
                }
                case "--trace" -> trace = true;
                default -> paths.add(Path.of(arg));
            }
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("usage: evm statetest [--fork NAME] [--trace] PATH...");
        }
        StateTestParser parser = new StateTestParser(onlyFork);
        StateTestRunner runner = new StateTestRunner();
        long[] counts = new long[3]; // passed, failed, skipped
        for (Path file : jsonFiles(paths)) {
            List<StateTestCase> cases = new ArrayList<>();
            try {
                counts[2] += parser.parse(file, cases::add);
            } catch (RuntimeException e) {
                out.println("FAIL " + file + " - - -: unreadable test file: " + e.getMessage());
                counts[1]++;
                continue;
            }
            for (StateTestCase testCase : cases) {
                String failure;
                try {
                    failure = runner.run(testCase, trace ? new JsonStepTracer(out) : null);
                } catch (RuntimeException | StackOverflowError e) {
                    failure = "engine error: " + e;
                }
                if (failure == null) {
                    counts[0]++;
                } else {
                    counts[1]++;
                    out.println("FAIL " + file + " " + testCase.name() + " " + testCase.rules().fork().displayName()
                            + " " + testCase.indexes() + ": " + failure);
                }
            }
        }
        if (parser.preFloorPragueCases() > 0) {
            out.println("note: " + parser.preFloorPragueCases() + " Prague cases were filled by evmone-t8n 0.13 before"
                    + " EIP-7623 joined Prague, and ran without the calldata floor as filled");
        }
        out.println(counts[0] + " passed, " + counts[1] + " failed, " + counts[2] + " skipped");
        return counts[1] == 0 ? 0 : 1;
    }

    private static List<Path> jsonFiles(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("no such file or folder: " + path);
            }
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".json")).sorted().forEach(files::add);
            }
        }
        return files;
    }
}
