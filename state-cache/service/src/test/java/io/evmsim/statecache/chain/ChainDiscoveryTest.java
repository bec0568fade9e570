package io.evmsim.statecache.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.evmsim.statecache.client.ChainDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ChainDiscoveryTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OSAKA_PRECOMPILES = "\"P256VERIFY\":\"0x0000000000000000000000000000000000000100\","
            + "\"ECREC\":\"0x0000000000000000000000000000000000000001\",\"SHA256\":\"0x0000000000000000000000000000000000000002\","
            + "\"RIPEMD160\":\"0x0000000000000000000000000000000000000003\",\"ID\":\"0x0000000000000000000000000000000000000004\","
            + "\"MODEXP\":\"0x0000000000000000000000000000000000000005\",\"BN254_ADD\":\"0x0000000000000000000000000000000000000006\","
            + "\"BN254_MUL\":\"0x0000000000000000000000000000000000000007\",\"BN254_PAIRING\":\"0x0000000000000000000000000000000000000008\","
            + "\"BLAKE2F\":\"0x0000000000000000000000000000000000000009\",\"KZG\":\"0x000000000000000000000000000000000000000a\","
            + "\"B\":\"0x000000000000000000000000000000000000000b\",\"C\":\"0x000000000000000000000000000000000000000c\","
            + "\"D\":\"0x000000000000000000000000000000000000000d\",\"E\":\"0x000000000000000000000000000000000000000e\","
            + "\"F\":\"0x000000000000000000000000000000000000000f\",\"G\":\"0x0000000000000000000000000000000000000010\","
            + "\"H\":\"0x0000000000000000000000000000000000000011\"";

    @Test
    void a_built_in_chain_is_served_from_its_table_when_the_node_agrees() {
        ServedChain chain = ChainDiscovery.choose(1, answer(1_767_747_671, 14, "0x1"), null);
        assertEquals("built-in", chain.source());
        ChainDescription description = chain.description();
        assertEquals("mainnet", description.name());
        ChainDescription.ForkActivation last = description.forks().getLast();
        assertEquals(new ChainDescription.ForkActivation("BPO2", null, 1_767_747_671L,
                new ChainDescription.BlobParameters(14, 21, 11_684_671)), last);
        assertEquals(new ChainDescription.ForkActivation("Homestead", 1_150_000L, null, null),
                description.forks().get(1));
    }

    @Test
    void a_built_in_chain_whose_node_disagrees_refuses_to_start_naming_the_difference() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ChainDiscovery.choose(1, answer(1_767_747_671, 15, "0x1"), null));
        assertEquals("the upstream's eth_config disagrees with the built-in table of mainnet: eth_config.current "
                + "(activation time 1767747671): blob schedule target 15, max 21, baseFeeUpdateFraction 11684671, "
                + "mainnet's table has target 14, max 21, baseFeeUpdateFraction 11684671", e.getMessage());
    }

    @Test
    void another_chain_takes_the_nodes_answer_or_else_its_genesis_file(@TempDir Path dir) throws Exception {
        ServedChain answered = ChainDiscovery.choose(31337, answer(0, 6, "0x7a69"), null);
        assertEquals("eth_config", answered.source());
        assertEquals("Osaka", answered.description().forks().getFirst().fork());
        Path genesis = dir.resolve("genesis.json");
        Files.writeString(genesis, "{\"config\": {\"chainId\": 31337, \"cancunTime\": 0, \"pragueTime\": 0,"
                + " \"osakaTime\": 1000}, \"alloc\": {}}");
        ServedChain fromFile = ChainDiscovery.choose(31337, null, genesis);
        assertEquals("genesis", fromFile.source());
        assertEquals("Prague", fromFile.schedule().rulesAt(1, 999).fork().displayName());
        assertEquals("Osaka", fromFile.schedule().rulesAt(1, 1000).fork().displayName());
        IllegalStateException neither = assertThrows(IllegalStateException.class,
                () -> ChainDiscovery.choose(31337, null, null));
        assertEquals("chain 31337 has no built-in fork schedule, the upstream does not answer eth_config, and "
                + "statecache.chain.genesis-config names no genesis file: the rules of its blocks are unknown",
                neither.getMessage());
    }

    private static JsonNode answer(long activationTime, int target, String chainId) {
        return JSON.readTree("{\"current\":{\"activationTime\":" + activationTime + ",\"blobSchedule\":"
                + "{\"baseFeeUpdateFraction\":" + (target == 6 ? 5_007_716 : 11_684_671) + ",\"max\":"
                + (target == 6 ? 9 : 21) + ",\"target\":" + target + "},\"chainId\":\"" + chainId
                + "\",\"forkId\":\"0x00000000\",\"precompiles\":{" + OSAKA_PRECOMPILES
                + "},\"systemContracts\":{}},\"next\":null,\"last\":null}");
    }
}
