package io.evmsim.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * An anvil node (npm {@code @foundry-rs/anvil}, pinned in tools/node) on 127.0.0.1 and a free port, started
 * with the given arguments (for example {@code --fork-url}, {@code --chain-id}) and stopped by its PID.
 */
public final class Anvil implements AutoCloseable {
    /** The first of anvil's default development accounts (mnemonic "test test ... junk"), unlocked. */
    public static final String DEV_ACCOUNT = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;
    private final URI url;
    private final JsonRpc rpc;

    private Anvil(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.url = URI.create("http://127.0.0.1:" + port);
        this.rpc = new JsonRpc(url);
    }

    public static Anvil start(String... args) {
        Path binary = NodeTools.anvil();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port)));
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("anvil-" + port + "-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            Anvil anvil = new Anvil(process, log, port);
            anvil.awaitReady();
            return anvil;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    public URI url() {
        return url;
    }

    public JsonRpc rpc() {
        return rpc;
    }

    public long pid() {
        return process.pid();
    }

    /** Deploys {@code initCode} (0x-hex) from {@link #DEV_ACCOUNT}; anvil mines it at once. Returns the address. */
    public String deploy(String initCode) {
        String txHash = rpc.callText("eth_sendTransaction", Map.of("from", DEV_ACCOUNT, "data", initCode,
                "gas", "0x989680"));
        JsonNode receipt = rpc.call("eth_getTransactionReceipt", txHash);
        if (receipt == null || receipt.isNull() || !"0x1".equals(receipt.get("status").asString())) {
            throw new IllegalStateException("deployment " + txHash + " failed: " + receipt);
        }
        return receipt.get("contractAddress").asString();
    }

    /** Sends a transaction from {@link #DEV_ACCOUNT} and asserts that it succeeded. Returns the receipt. */
    public JsonNode transact(String to, String data) {
        String txHash = rpc.callText("eth_sendTransaction", Map.of("from", DEV_ACCOUNT, "to", to, "data", data,
                "gas", "0x989680"));
        JsonNode receipt = rpc.call("eth_getTransactionReceipt", txHash);
        if (receipt == null || receipt.isNull() || !"0x1".equals(receipt.get("status").asString())) {
            throw new IllegalStateException("transaction " + txHash + " failed: " + receipt);
        }
        return receipt;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover log in the temp directory does no harm
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("anvil exited with " + process.exitValue() + ": " + output());
            }
            try {
                rpc.call("eth_chainId");
                return;
            } catch (RuntimeException notYet) {
                last = notYet;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while anvil started", e);
            }
        }
        close();
        throw new IllegalStateException("anvil did not answer within " + STARTUP + ": " + output(), last);
    }

    private String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
