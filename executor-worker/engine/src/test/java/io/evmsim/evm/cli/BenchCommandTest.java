package io.evmsim.evm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evm bench}: the untraced columns and the traced one, for a program that reads and writes storage. */
class BenchCommandTest {
    /** SLOAD slot 0, add one, SSTORE it back: what the prestate tracer must name. */
    private static final String PROGRAM = """
            {"counter": {"env": {"currentCoinbase": "0x0000000000000000000000000000000000000000",
                "currentNumber": "0x1", "currentTimestamp": "0x1", "currentGasLimit": "0x1000000"},
              "pre": {"0xcccccccccccccccccccccccccccccccccccccccc":
                {"balance": "0x0", "nonce": "0x1", "code": "0x5f54600101" + "5f5500", "storage": {"0x00": "0x07"}}},
              "transaction": {"sender": "0x1111111111111111111111111111111111111111",
                "to": "0xcccccccccccccccccccccccccccccccccccccccc", "data": ["0x"],
                "gasLimit": ["0x100000"], "value": ["0x0"]}}}""".replace("\" + \"", "");

    @TempDir
    Path dir;

    private List<String> bench(String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(0, BenchCommand.run(List.of(args), out));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void printsTheTracedColumnBesideTheUntracedOnes() throws Exception {
        Path file = Files.writeString(dir.resolve("counter.json"), PROGRAM);
        List<String> lines = bench("--runs", "3", "--warm-up", "0", file.toString());
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).matches("program +input +gas used +median ms +Mgas/s +traced ms +tracing"), lines.get(0));
        // PUSH0 2, cold SLOAD 2100, PUSH1 3, ADD 3, PUSH0 2, SSTORE changing a clean warm slot 2900 (EIP-2929)
        assertTrue(lines.get(1).matches("counter +0 +5010 +[0-9.]+ +[0-9.]+ +[0-9.]+ +[-+][0-9]+%"), lines.get(1));

        List<String> untraced = bench("--runs", "1", "--warm-up", "0", "--untraced", file.toString());
        assertTrue(untraced.get(1).matches("counter +0 +5010 +[0-9.]+ +[0-9.]+ +- +-"), untraced.get(1));
    }

    @Test
    void refusesANegativeWarmUp() {
        assertThrows(IllegalArgumentException.class, () -> bench("--warm-up", "-1", dir.toString()));
    }
}
