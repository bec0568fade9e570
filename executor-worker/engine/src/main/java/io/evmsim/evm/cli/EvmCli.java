package io.evmsim.evm.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** The {@code evm} command: {@code statetest} and {@code bench}. Runs the engine alone, no services. */
public final class EvmCli {
    private EvmCli() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
        int status;
        try {
            status = run(Arrays.asList(args), out);
        } catch (IllegalArgumentException e) {
            out.flush();
            System.err.println("evm: " + e.getMessage());
            status = 2;
        }
        out.flush();
        System.exit(status);
    }

    static int run(List<String> args, PrintStream out) throws Exception {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: evm statetest|bench ...");
        }
        List<String> rest = args.subList(1, args.size());
        // The engine recurses once per call frame: run on a thread whose stack holds 1024 of them.
        int[] status = new int[1];
        Exception[] failure = new Exception[1];
        Thread worker = new Thread(null, () -> {
            try {
                status[0] = switch (args.get(0)) {
                    case "statetest" -> StateTestCommand.run(rest, out);
                    case "bench" -> BenchCommand.run(rest, out);
                    case "precompiles" -> PrecompileBenchCommand.run(rest, out);
                    default -> throw new IllegalArgumentException("unknown command '" + args.get(0) + "'");
                };
            } catch (Exception e) {
                failure[0] = e;
            }
        }, "evm", 512L << 20);
        worker.start();
        worker.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        return status[0];
    }
}
