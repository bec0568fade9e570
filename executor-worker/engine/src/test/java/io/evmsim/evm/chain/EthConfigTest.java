package io.evmsim.evm.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.evmsim.evm.fork.BlobSchedule;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** eth_config answers in the shape anvil 1.7.1 and geth give them (EIP-7910). */
class EthConfigTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PRAGUE_PRECOMPILES = precompiles(0x11);
    private static final String OSAKA_PRECOMPILES = PRAGUE_PRECOMPILES
            + ",\"P256VERIFY\":\"0x0000000000000000000000000000000000000100\"";

    @Test
    void anvils_answer_is_one_fork_from_genesis() {
        ChainSchedule chain = EthConfig.schedule(answer(entry(0, 6, 9, 5_007_716, "0x7a69", OSAKA_PRECOMPILES),
                null, null), "anvil");
        assertEquals(31337, chain.chainId());
        BlockRules rules = chain.rulesAt(5, 1_790_000_000);
        assertEquals(ChainFork.OSAKA, rules.fork());
        assertEquals(new BlobSchedule(6, 9, 5_007_716), rules.blobSchedule());
        ChainSchedule prague = EthConfig.schedule(answer(entry(0, 6, 9, 5_007_716, "0x7a69", PRAGUE_PRECOMPILES),
                null, null), "anvil");
        assertEquals(ChainFork.PRAGUE, prague.rulesAt(5, 1_790_000_000).fork());
    }

    @Test
    void a_later_fork_and_a_bpo_fork_are_told_apart_by_their_precompiles() {
        JsonNode answer = answer(entry(1_000, 6, 9, 5_007_716, "0x1", PRAGUE_PRECOMPILES),
                entry(2_000, 6, 9, 5_007_716, "0x1", OSAKA_PRECOMPILES),
                entry(3_000, 10, 15, 8_346_193, "0x1", OSAKA_PRECOMPILES));
        ChainSchedule chain = EthConfig.schedule(answer, "node");
        assertEquals(ChainFork.UNDESCRIBED, assertThrows(UnsupportedForkException.class,
                () -> chain.rulesAt(1, 999)).fork());
        assertEquals(ChainFork.PRAGUE, chain.rulesAt(1, 1_999).fork());
        assertEquals(ChainFork.OSAKA, chain.rulesAt(1, 2_000).fork());
        assertEquals(ChainFork.BPO1, chain.rulesAt(1, 3_000).blobFork());
        assertEquals(new BlobSchedule(10, 15, 8_346_193), chain.rulesAt(1, 3_000).blobSchedule());
    }

    @Test
    void mainnets_table_agrees_with_an_answer_of_bpo2_and_names_each_difference_of_one_that_does_not() {
        assertEquals(List.of(), EthConfig.differences(Chains.MAINNET,
                answer(entry(1_767_747_671, 14, 21, 11_684_671, "0x1", OSAKA_PRECOMPILES), null, null)));
        assertEquals(List.of(
                "eth_config.current (activation time 1767747672): the node activates a fork then, mainnet's table none",
                "eth_config.current (activation time 1767747672): blob schedule target 15, max 21, "
                        + "baseFeeUpdateFraction 11684671, mainnet's table has target 14, max 21, "
                        + "baseFeeUpdateFraction 11684671",
                "eth_config.next (activation time 1800000000): the node activates a fork then, mainnet's table none",
                "eth_config.next (activation time 1800000000): the node's precompiles are Prague's, mainnet's "
                        + "table has Osaka"),
                EthConfig.differences(Chains.MAINNET,
                        answer(entry(1_767_747_672, 15, 21, 11_684_671, "0x1", OSAKA_PRECOMPILES),
                                entry(1_800_000_000, 14, 21, 11_684_671, "0x1", PRAGUE_PRECOMPILES), null)));
    }

    @Test
    void hoodi_at_genesis_is_cancun() {
        assertEquals(List.of(), EthConfig.differences(Chains.HOODI, answer(
                entry(0, 3, 6, 3_338_477, "0x88bb0", precompiles(0x0a)),
                entry(1_742_999_832, 6, 9, 5_007_716, "0x88bb0", PRAGUE_PRECOMPILES),
                entry(1_762_955_544, 14, 21, 11_684_671, "0x88bb0", OSAKA_PRECOMPILES))));
    }

    @Test
    void sepolias_amsterdam_is_told_by_its_time_when_it_adds_no_precompile() {
        assertEquals(List.of(), EthConfig.differences(Chains.SEPOLIA, answer(
                entry(1_791_294_816, 14, 21, 11_684_671, "0xaa36a7", OSAKA_PRECOMPILES), null, null)));
    }

    @Test
    void a_later_fork_with_the_same_precompiles_and_blobs_is_unidentified_and_refused() {
        ChainSchedule chain = EthConfig.schedule(answer(entry(0, 6, 9, 5_007_716, "0x1", OSAKA_PRECOMPILES),
                entry(2_000, 6, 9, 5_007_716, "0x1", OSAKA_PRECOMPILES), null), "node");
        assertEquals(ChainFork.OSAKA, chain.rulesAt(1, 1_999).fork());
        assertEquals(ChainFork.UNIDENTIFIED, assertThrows(UnsupportedForkException.class,
                () -> chain.rulesAt(1, 2_000)).fork());
    }

    private static JsonNode answer(String current, String next, String last) {
        return JSON.readTree("{\"current\":" + current + ",\"next\":" + next + ",\"last\":" + last + "}");
    }

    private static String entry(long activationTime, int target, int max, long fraction, String chainId,
            String precompiles) {
        return "{\"activationTime\":" + activationTime + ",\"blobSchedule\":{\"baseFeeUpdateFraction\":" + fraction
                + ",\"max\":" + max + ",\"target\":" + target + "},\"chainId\":\"" + chainId
                + "\",\"forkId\":\"0x00000000\",\"precompiles\":{" + precompiles + "},\"systemContracts\":{}}";
    }

    /** Precompiles 0x01 up to {@code last}, named as anvil names them only in part: the names do not matter. */
    private static String precompiles(int last) {
        StringBuilder json = new StringBuilder();
        for (int i = 1; i <= last; i++) {
            json.append(i == 1 ? "" : ",").append("\"P").append(i).append("\":\"0x")
                    .append(String.format("%040x", i)).append('"');
        }
        return json.toString();
    }
}
