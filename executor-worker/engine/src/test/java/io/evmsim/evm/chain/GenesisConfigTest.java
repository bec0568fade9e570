package io.evmsim.evm.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.evmsim.evm.fork.BlobSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GenesisConfigTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void reads_block_and_time_forks_with_their_blob_schedules() {
        ChainSchedule chain = GenesisConfig.parse(JSON.readTree("""
                {"chainId": 7, "londonBlock": 0, "terminalTotalDifficulty": 0, "shanghaiTime": 0,
                 "cancunTime": 0, "pragueTime": 100, "osakaTime": "0xc8", "bpo1Time": 300,
                 "blobSchedule": {"cancun": {"target": 3, "max": 6, "baseFeeUpdateFraction": 3338477},
                                  "prague": {"target": 6, "max": 9, "baseFeeUpdateFraction": 5007716},
                                  "bpo1": {"target": 12, "max": 18, "baseFeeUpdateFraction": 9000000}}}
                """), "test");
        assertEquals(7, chain.chainId());
        assertEquals("Cancun", chain.rulesAt(1, 99).fork().displayName());
        assertEquals("Prague", chain.rulesAt(1, 100).fork().displayName());
        assertEquals("Osaka", chain.rulesAt(1, 200).fork().displayName());
        assertEquals(new BlobSchedule(6, 9, 5_007_716), chain.rulesAt(1, 299).blobSchedule());
        BlockRules bpo = chain.rulesAt(1, 300);
        assertEquals("Osaka", bpo.fork().displayName());
        assertEquals("BPO1", bpo.blobFork().displayName());
        assertEquals(new BlobSchedule(12, 18, 9_000_000), bpo.blobSchedule());
    }

    @Test
    void cancun_and_prague_without_a_blob_entry_take_their_eips_parameters() {
        ChainSchedule chain = GenesisConfig.parse(JSON.readTree("""
                {"chainId": 7, "cancunTime": 0, "pragueTime": 10}"""), "test");
        assertEquals(new BlobSchedule(3, 6, 3_338_477), chain.rulesAt(0, 9).blobSchedule());
        assertEquals(new BlobSchedule(6, 9, 5_007_716), chain.rulesAt(0, 10).blobSchedule());
    }

    @Test
    void an_unknown_fork_key_or_a_bpo_fork_without_blobs_is_an_error_naming_it() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> GenesisConfig.parse(
                JSON.readTree("{\"chainId\": 7, \"cancunTime\": 0, \"glamsterdamTime\": 5}"), "g.json"));
        assertEquals("g.json: config.glamsterdamTime schedules a fork this engine does not know", unknown.getMessage());
        IllegalArgumentException bpo = assertThrows(IllegalArgumentException.class, () -> GenesisConfig.parse(
                JSON.readTree("{\"chainId\": 7, \"cancunTime\": 0, \"bpo1Time\": 5}"), "g.json"));
        assertEquals("chain g.json: BPO1 needs a blob schedule (EIP-7892)", bpo.getMessage());
    }

    @Test
    void reads_the_execution_apis_test_genesis() throws Exception {
        Path genesis = Path.of("../../../shared/reference/execution-apis-tests/genesis.json");
        Assumptions.assumeTrue(Files.isRegularFile(genesis),
                "../shared/reference/execution-apis-tests is absent: the genesis of the execution-apis tests is not read");
        JsonNode config = JSON.readTree(genesis.toFile()).get("config");
        ChainSchedule chain = GenesisConfig.parse(config, "execution-apis-tests");
        assertEquals(3_503_995_874_084_926L, chain.chainId());
        assertEquals("London", assertThrows(UnsupportedForkException.class, () -> chain.rulesAt(27, 0)).fork()
                .displayName());
        assertEquals("Paris", assertThrows(UnsupportedForkException.class, () -> chain.rulesAt(36, 389)).fork()
                .displayName());
        assertEquals("Shanghai", assertThrows(UnsupportedForkException.class, () -> chain.rulesAt(40, 419)).fork()
                .displayName());
        assertEquals("Cancun", chain.rulesAt(40, 420).fork().displayName());
        assertEquals("Osaka", chain.rulesAt(40, 480).fork().displayName());
        assertEquals(new BlobSchedule(14, 21, 11_684_671), chain.rulesAt(40, 540).blobSchedule());
        assertEquals("BPO2", chain.rulesAt(40, 540).blobFork().displayName());
    }
}
