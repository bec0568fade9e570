package io.evmsim.evm.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.evmsim.evm.fork.BlobSchedule;
import io.evmsim.evm.fork.Fork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * For each built-in chain, the blocks on both sides of each activation: the fork, the engine's rules
 * and the blob parameters chosen. The expected values are written out here from go-ethereum's
 * {@code params/config.go}, not read from the tables under test.
 */
class ChainsTest {
    private static final long AFTER_MERGE = 20_000_000;

    @ParameterizedTest(name = "{0} at {1}: {2}, blobs {3}/{4}/{5} from {6}")
    @CsvSource({
            // chain id, timestamp, fork, target, max, fraction, blob fork
            "1, 1710338135, Cancun, 3, 6, 3338477, Cancun",
            "1, 1746612310, Cancun, 3, 6, 3338477, Cancun",
            "1, 1746612311, Prague, 6, 9, 5007716, Prague",
            "1, 1764798550, Prague, 6, 9, 5007716, Prague",
            "1, 1764798551, Osaka, 6, 9, 5007716, Prague",
            "1, 1765290070, Osaka, 6, 9, 5007716, Prague",
            "1, 1765290071, Osaka, 10, 15, 8346193, BPO1",
            "1, 1767747670, Osaka, 10, 15, 8346193, BPO1",
            "1, 1767747671, Osaka, 14, 21, 11684671, BPO2",
            "1, 4102444800, Osaka, 14, 21, 11684671, BPO2",
            "11155111, 1706655072, Cancun, 3, 6, 3338477, Cancun",
            "11155111, 1741159775, Cancun, 3, 6, 3338477, Cancun",
            "11155111, 1741159776, Prague, 6, 9, 5007716, Prague",
            "11155111, 1760427359, Prague, 6, 9, 5007716, Prague",
            "11155111, 1760427360, Osaka, 6, 9, 5007716, Prague",
            "11155111, 1761017183, Osaka, 6, 9, 5007716, Prague",
            "11155111, 1761017184, Osaka, 10, 15, 8346193, BPO1",
            "11155111, 1761607007, Osaka, 10, 15, 8346193, BPO1",
            "11155111, 1761607008, Osaka, 14, 21, 11684671, BPO2",
            "11155111, 1791294815, Osaka, 14, 21, 11684671, BPO2",
            "560048, 1742212800, Cancun, 3, 6, 3338477, Cancun",
            "560048, 1742999831, Cancun, 3, 6, 3338477, Cancun",
            "560048, 1742999832, Prague, 6, 9, 5007716, Prague",
            "560048, 1761677591, Prague, 6, 9, 5007716, Prague",
            "560048, 1761677592, Osaka, 6, 9, 5007716, Prague",
            "560048, 1762365719, Osaka, 6, 9, 5007716, Prague",
            "560048, 1762365720, Osaka, 10, 15, 8346193, BPO1",
            "560048, 1762955543, Osaka, 10, 15, 8346193, BPO1",
            "560048, 1762955544, Osaka, 14, 21, 11684671, BPO2",
    })
    void chooses_the_fork_and_blob_parameters_of_the_block(long chainId, long timestamp, String fork, int target,
            int max, long fraction, String blobFork) {
        BlockRules rules = Chains.builtIn(chainId).orElseThrow().rulesAt(AFTER_MERGE, timestamp);
        assertEquals(fork, rules.fork().displayName());
        assertEquals(Fork.byName(fork), rules.rules().fork());
        assertEquals(new BlobSchedule(target, max, fraction), rules.blobSchedule());
        assertEquals(blobFork, rules.blobFork().displayName());
    }

    @ParameterizedTest(name = "{0} block {1} at {2}: {3} is refused")
    @CsvSource({
            "1, 0, 0, Frontier",
            "1, 12965000, 1628166822, London",
            "1, 15537393, 1663224162, GrayGlacier",
            "1, 15537394, 1663224179, Paris",
            "1, 17034870, 1681338455, Shanghai",
            "1, 19426586, 1710338134, Shanghai",
            "11155111, 1450408, 1655733588, London",
            "11155111, 1450409, 1655733600, Paris",
            "11155111, 5187022, 1706655071, Shanghai",
            "11155111, 20000000, 1791294816, Amsterdam",
            "11155111, 20000000, 1800000000, Amsterdam",
    })
    void refuses_a_block_under_a_fork_the_engine_does_not_implement(long chainId, long number, long timestamp,
            String fork) {
        ChainSchedule chain = Chains.builtIn(chainId).orElseThrow();
        UnsupportedForkException e = assertThrows(UnsupportedForkException.class,
                () -> chain.rulesAt(number, timestamp));
        assertEquals(fork, e.fork().displayName());
        assertEquals("block " + number + " (timestamp " + timestamp + ") is under " + fork
                + ", whose rules this engine does not implement (it runs Cancun, Prague, Osaka)", e.getMessage());
    }
}
