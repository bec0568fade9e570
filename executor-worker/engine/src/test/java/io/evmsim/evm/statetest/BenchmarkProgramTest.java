package io.evmsim.evm.statetest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.types.Address;
import io.evmsim.evm.fork.Fork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both shapes of benchmark input: state-test data arrays and lists of scalar transactions. */
class BenchmarkProgramTest {
    private static final String PRE = """
            "pre": {"0xcccccccccccccccccccccccccccccccccccccccc":
                {"balance": "0x0", "nonce": "0x1", "code": "0x600160005260206000f3", "storage": {}}}""";

    @TempDir
    Path dir;

    @Test
    void stateTestFormatGivesOneProgramPerDataEntryNamedByItsLabel() throws Exception {
        Path file = write("""
                {"p": {"_info": {"labels": {"1": "second"}},
                  "env": {"currentCoinbase": "0x0000000000000000000000000000000000000000", "currentNumber": "0x1",
                    "currentTimestamp": "0x1", "currentGasLimit": "0x1000000", "currentDifficulty": "0x0"},
                  %s,
                  "transaction": {"sender": "0x1111111111111111111111111111111111111111",
                    "to": "0xcccccccccccccccccccccccccccccccccccccccc", "data": ["0x01", "0x0203"],
                    "gasLimit": ["0x100000"], "value": ["0x0"]}}}""".formatted(PRE));
        List<BenchmarkProgram> programs = BenchmarkProgram.load(file, Fork.OSAKA);
        assertEquals(2, programs.size());
        assertEquals("0", programs.get(0).input());
        assertEquals("second", programs.get(1).input());
        assertArrayEquals(new byte[] {2, 3}, programs.get(1).data());
        assertEquals(0x100000, programs.get(1).gasLimit());
    }

    @Test
    void transactionListGivesOneCallPerTransactionWithoutARandomField() throws Exception {
        Path file = write("""
                {"c": {"env": {"currentCoinbase": "0x0000000000000000000000000000000000000000",
                    "currentNumber": "0x1", "currentTimestamp": "0x1", "currentGasLimit": "0x7fffffffffffffff"},
                  %s,
                  "transaction": [
                    {"sender": "0x1111111111111111111111111111111111111111",
                     "to": "0xcccccccccccccccccccccccccccccccccccccccc", "data": "0xaabb",
                     "gasLimit": "0x7fffffffffffffff", "value": "0x0", "nonce": "0x0", "gasPrice": "0x0"}]}}"""
                .formatted(PRE));
        List<BenchmarkProgram> programs = BenchmarkProgram.load(file, Fork.OSAKA);
        assertEquals(1, programs.size());
        BenchmarkProgram program = programs.get(0);
        assertEquals("tx0", program.input());
        assertEquals(Address.fromHex("0xcccccccccccccccccccccccccccccccccccccccc"), program.to());
        assertArrayEquals(new byte[] {(byte) 0xaa, (byte) 0xbb}, program.data());
        assertEquals(Long.MAX_VALUE, program.gasLimit());
        assertTrue(program.block().prevRandao().isZero());
    }

    @Test
    void transactionWithValueIsRefusedByName() throws Exception {
        Path file = write("""
                {"c": {"env": {"currentCoinbase": "0x0000000000000000000000000000000000000000",
                    "currentNumber": "0x1", "currentTimestamp": "0x1", "currentGasLimit": "0x1000"},
                  %s,
                  "transaction": [{"sender": "0x1111111111111111111111111111111111111111",
                    "to": "0xcccccccccccccccccccccccccccccccccccccccc", "data": "0x", "gasLimit": "0x1000",
                    "value": "0x5"}]}}""".formatted(PRE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkProgram.load(file, Fork.OSAKA));
        assertTrue(e.getMessage().contains("transaction value 0x5"), e.getMessage());
    }

    private Path write(String json) throws Exception {
        Path file = dir.resolve("program.json");
        Files.writeString(file, json);
        return file;
    }
}
