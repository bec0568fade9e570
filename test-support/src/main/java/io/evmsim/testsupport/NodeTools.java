package io.evmsim.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The project's pinned node tools ({@code tools/node}: anvil and solc-js, installed from the committed
 * package-lock.json). Installs them with {@code npm install} on first use, so a fresh clone needs only Node and npm.
 */
public final class NodeTools {
    private static final String ANVIL_BINARY = "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil";
    private static final String SOLC_PACKAGE = "node_modules/solc/package.json";

    private NodeTools() {
    }

    /** The {@code tools/node} directory of the repository this build runs in. */
    public static Path directory() {
        String configured = System.getProperty("evmsim.tools.node");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tools/node");
            if (Files.isRegularFile(candidate.resolve("package-lock.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("tools/node/package-lock.json not found above " + Path.of("").toAbsolutePath());
    }

    /** The anvil executable, installed if missing. */
    public static Path anvil() {
        return installed().resolve(ANVIL_BINARY);
    }

    /** The tools directory with node_modules installed (solc-js resolves from here). */
    public static synchronized Path installed() {
        Path dir = directory();
        if (complete(dir)) {
            return dir;
        }
        // A file lock, because several test JVMs of one build may start at once.
        try (FileChannel lock = FileChannel.open(dir.resolve(".install.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var ignored = lock.lock()) {
            if (!complete(dir)) {
                // `npm install` keeps the locked versions; `npm ci` refuses this lockfile because anvil's
                // optional binaries for other platforms cannot be resolved and so are never locked.
                run(dir, List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", dir.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install node tools in " + dir, e);
        }
        if (!complete(dir)) {
            throw new IllegalStateException("npm install finished but " + dir.resolve(ANVIL_BINARY) + " is missing");
        }
        return dir;
    }

    /**
     * Installed, and not older than the lockfile: npm rewrites node_modules/.package-lock.json on every
     * install, so a lockfile changed since (a new package) triggers a new install.
     */
    private static boolean complete(Path dir) {
        Path installedLock = dir.resolve("node_modules/.package-lock.json");
        try {
            return Files.isExecutable(dir.resolve(ANVIL_BINARY)) && Files.isRegularFile(dir.resolve(SOLC_PACKAGE))
                    && Files.isRegularFile(installedLock)
                    && Files.getLastModifiedTime(installedLock).compareTo(
                            Files.getLastModifiedTime(dir.resolve("package-lock.json"))) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(Path dir, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        try {
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
