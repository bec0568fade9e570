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
import io.evmsim.evm.trace.CompositeTracer;
import io.evmsim.evm.trace.DeadlineWatchdog;
import io.evmsim.evm.trace.ExecutionTracer;
import io.evmsim.evm.trace.call.CallTracer;
import io.evmsim.evm.trace.prestate.PrestateTracer;
import io.evmsim.evm.transaction.EvmTransaction;
import io.evmsim.evm.transaction.TransactionResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code evm bench [--runs N] [--warm-up SECONDS] [--untraced] PATH...}: runs state-test-format benchmark programs as
 * calls (no transaction validation, as eth_call), after a JIT warm-up, and prints per program and
 * input the gas used by execution, the median milliseconds and Mgas/s; then the median
 * milliseconds of the same call with the tracers a worker attaches to every simulation (call
 * tracer, prestate tracer, deadline watchdog; see {@code Simulator}), their reports read at the
 * end, and what tracing adds.
 *
 * <p>Every program runs untraced first and traced after: the first traced call teaches the JIT the
 * interpreter's tracer branch, and untraced figures measured after it would no longer be those of
 * an engine that never traces. The warm-up (3 s per program and pass unless set) must outlast the
 * JIT's compilations, which take longer on a loaded machine.
 */
final class BenchCommand {
    private static final double DEFAULT_WARM_UP_SECONDS = 3;
    private static final int MIN_WARM_UP_RUNS = 5;
    /** The watchdog's deadline: far enough never to fire, read every 1024 steps as in production. */
    private static final long NO_DEADLINE_NANOS = 3_600_000_000_000L;

    private BenchCommand() {
    }

    /** One measured program and input: execution gas, outcome, median untraced and traced milliseconds. */
    private record Measurement(BenchmarkProgram program, long gasUsed, String outcome, double untracedMs,
            double tracedMs) {
    }

    static int run(List<String> args, PrintStream out) throws IOException {
        int runs = 10;
        double warmUpSeconds = DEFAULT_WARM_UP_SECONDS;
        boolean traced = true;
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--runs" -> runs = Integer.parseInt(args.get(++i));
                case "--warm-up" -> warmUpSeconds = Double.parseDouble(args.get(++i));
                case "--untraced" -> traced = false;
                default -> paths.add(Path.of(args.get(i)));
            }
        }
        if (paths.isEmpty() || runs < 1 || !(warmUpSeconds >= 0)) {
            throw new IllegalArgumentException("usage: evm bench [--runs N] [--warm-up SECONDS] [--untraced] PATH...");
        }
        long warmUpNanos = (long) (warmUpSeconds * 1e9);
        Fork fork = Fork.OSAKA;
        List<BenchmarkProgram> programs = new ArrayList<>();
        for (Path file : files(paths)) {
            programs.addAll(BenchmarkProgram.load(file, fork));
        }
        List<Measurement> measurements = new ArrayList<>(programs.size());
        for (BenchmarkProgram program : programs) {
            measurements.add(measureUntraced(program, fork, runs, warmUpNanos));
        }
        out.printf("%-22s %-12s %14s %12s %10s %12s %9s%n", "program", "input", "gas used", "median ms", "Mgas/s",
                "traced ms", "tracing");
        for (Measurement m : measurements) {
            if (traced) {
                m = new Measurement(m.program(), m.gasUsed(), m.outcome(), m.untracedMs(),
                        medianMs(m.program(), fork, runs, warmUpNanos, true));
            }
            out.printf("%-22s %-12s %14d %12.3f %10.1f %12s %9s%s%n", m.program().name(), m.program().input(),
                    m.gasUsed(), m.untracedMs(), m.gasUsed() / (m.untracedMs() * 1000),
                    traced ? String.format("%.3f", m.tracedMs()) : "-",
                    traced ? String.format("%+.0f%%", 100 * (m.tracedMs() / m.untracedMs() - 1)) : "-", m.outcome());
        }
        return 0;
    }

    private static Measurement measureUntraced(BenchmarkProgram program, Fork fork, int runs, long warmUpNanos) {
        double median = medianMs(program, fork, runs, warmUpNanos, false);
        FrameResult result = execute(program, fork, program.preState().get(), new CodeCache(1000), false);
        String outcome = result.isSuccess() ? "" : result.halt() != null ? "  (halted: " + result.halt().description()
                + ")" : "  (reverted)";
        return new Measurement(program, program.gasLimit() - result.gasLeft(), outcome, median, Double.NaN);
    }

    private static double medianMs(BenchmarkProgram program, Fork fork, int runs, long warmUpNanos,
            boolean traced) {
        InMemoryWorldState world = program.preState().get();
        CodeCache codeCache = new CodeCache(1000);
        long warmUpEnd = System.nanoTime() + warmUpNanos;
        for (int i = 0; i < MIN_WARM_UP_RUNS || System.nanoTime() < warmUpEnd; i++) {
            execute(program, fork, world, codeCache, traced);
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            execute(program, fork, world, codeCache, traced);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[runs / 2] / 1e6;
    }

    /**
     * One call; traced, between the transaction hooks a simulation gives its tracers, with the
     * reports built as a simulation builds them (call tree, prestate, state diff).
     */
    private static FrameResult execute(BenchmarkProgram program, Fork fork, InMemoryWorldState world,
            CodeCache codeCache, boolean traced) {
        JournaledState state = new JournaledState(world, codeCache);
        state.warmAccount(program.sender());
        state.warmAccount(program.to());
        ForkRules rules = ForkRules.forFork(fork);
        CallTracer calls = traced ? new CallTracer() : null;
        PrestateTracer prestate = traced ? new PrestateTracer(state) : null;
        ExecutionTracer tracer = traced ? CompositeTracer.of(calls, prestate,
                new DeadlineWatchdog(System.nanoTime() + NO_DEADLINE_NANOS, System::nanoTime)) : null;
        EvmTransaction tx = new EvmTransaction(2, program.sender(), program.to(), 0, program.gasLimit(),
                UInt256.ZERO, program.data(), null, UInt256.ZERO, UInt256.ZERO, List.of(), null, List.of(), List.of());
        if (traced) {
            tracer.onTransactionStart(tx, program.block());
        }
        Evm evm = new Evm(state, program.block(), new TransactionContext(program.sender(), UInt256.ONE, List.of()),
                rules, rules.precompiles(), tracer);
        FrameResult result = evm.call(new Message(CallKind.CALL, program.sender(), program.to(), program.to(),
                UInt256.ZERO, true, program.data(), state.account(program.to()).code(), program.gasLimit(), 0, false,
                true));
        if (traced) {
            tracer.onTransactionEnd(tx, new TransactionResult(null, result.halt(), result.reverted(),
                    program.gasLimit() - result.gasLeft(), null, result.output(), List.of(), null));
            if (calls.root() == null || prestate.prestate().isEmpty() || prestate.diff() == null) {
                throw new IllegalStateException(program.name() + " " + program.input() + ": the tracers saw no call");
            }
        }
        return result;
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
