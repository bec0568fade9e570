package io.evmsim.evm.cli;

import io.evmsim.common.types.UInt256;
import io.evmsim.evm.fork.Fork;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.interpreter.CallKind;
import io.evmsim.evm.interpreter.Evm;
import io.evmsim.evm.interpreter.FrameResult;
import io.evmsim.evm.interpreter.Message;
import io.evmsim.evm.interpreter.TransactionContext;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.evm.state.InMemoryWorldState;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.statetest.BenchmarkProgram;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code evm bench [--runs N] PATH...}: runs state-test-format benchmark programs as calls (no
 * transaction validation, as eth_call), after a JIT warm-up, and prints per program and input the
 * gas used by execution, the median milliseconds and Mgas/s.
 */
final class BenchCommand {
    private static final long WARM_UP_NANOS = 3_000_000_000L;
    private static final int MIN_WARM_UP_RUNS = 5;

    private BenchCommand() {
    }

    static int run(List<String> args, PrintStream out) throws IOException {
        int runs = 10;
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--runs")) {
                runs = Integer.parseInt(args.get(++i));
            } else {
                paths.add(Path.of(args.get(i)));
            }
        }
        if (paths.isEmpty() || runs < 1) {
            throw new IllegalArgumentException("usage: evm bench [--runs N] PATH...");
        }
        Fork fork = Fork.OSAKA;
        out.printf("%-22s %-12s %14s %12s %10s%n", "program", "input", "gas used", "median ms", "Mgas/s");
        for (Path file : files(paths)) {
            for (BenchmarkProgram program : BenchmarkProgram.load(file, fork)) {
                measure(program, fork, runs, out);
            }
        }
        return 0;
    }

    private static void measure(BenchmarkProgram program, Fork fork, int runs, PrintStream out) {
        InMemoryWorldState world = program.preState().get();
        CodeCache codeCache = new CodeCache(1000);
        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        for (int i = 0; i < MIN_WARM_UP_RUNS || System.nanoTime() < warmUpEnd; i++) {
            execute(program, fork, world, codeCache);
        }
        long[] nanos = new long[runs];
        long gasUsed = 0;
        String outcome = "";
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            FrameResult result = execute(program, fork, world, codeCache);
            nanos[i] = System.nanoTime() - start;
            gasUsed = program.gasLimit() - result.gasLeft();
            outcome = result.isSuccess() ? "" : result.halt() != null ? "  (halted: " + result.halt().description()
                    + ")" : "  (reverted)";
        }
        Arrays.sort(nanos);
        double medianMs = nanos[runs / 2] / 1e6;
        out.printf("%-22s %-12s %14d %12.3f %10.1f%s%n", program.name(), program.input(), gasUsed, medianMs,
                gasUsed / (medianMs * 1000), outcome);
    }

    private static FrameResult execute(BenchmarkProgram program, Fork fork, InMemoryWorldState world,
            CodeCache codeCache) {
        JournaledState state = new JournaledState(world, codeCache);
        state.warmAccount(program.sender());
        state.warmAccount(program.to());
        ForkRules rules = ForkRules.forFork(fork);
        Evm evm = new Evm(state, program.block(), new TransactionContext(program.sender(), UInt256.ONE, List.of()),
                rules, rules.precompiles(), null);
        return evm.call(new Message(CallKind.CALL, program.sender(), program.to(), program.to(), UInt256.ZERO, true,
                program.data(), state.account(program.to()).code(), program.gasLimit(), 0, false, true));
    }

    private static List<Path> files(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
            }
        }
        return files;
    }
}
