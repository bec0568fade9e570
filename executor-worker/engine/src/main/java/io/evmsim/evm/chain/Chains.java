package io.evmsim.evm.chain;

import static io.evmsim.evm.chain.Activation.atBlock;
import static io.evmsim.evm.chain.Activation.atTime;

import io.evmsim.evm.fork.BlobSchedule;
import java.util.List;
import java.util.Optional;

/**
 * The public chains whose schedules are built in. Fork blocks and times, and the blob schedules, are
 * go-ethereum's {@code params/config.go} ({@code MainnetChainConfig}, {@code SepoliaChainConfig},
 * {@code HoodiChainConfig}, {@code Default*BlobConfig}; checked against its 2026-08-20 tree), which
 * follow EIP-7607 (Fusaka), EIP-7600 (Pectra), EIP-7569 (Dencun) and EIP-7892 (BPO forks). The merge
 * (Paris) went by total difficulty there; its first proof-of-stake block is listed here by number.
 * A node's own {@code eth_config} answer is checked against these tables when the state cache starts.
 */
public final class Chains {
    /** EIP-4844. */
    public static final BlobSchedule CANCUN_BLOBS = new BlobSchedule(3, 6, 3_338_477);
    /** EIP-7691. */
    public static final BlobSchedule PRAGUE_BLOBS = new BlobSchedule(6, 9, 5_007_716);
    /** go-ethereum's {@code DefaultBPO1BlobConfig}, mainnet's, Sepolia's and Hoodi's BPO1. */
    public static final BlobSchedule BPO1_BLOBS = new BlobSchedule(10, 15, 8_346_193);
    /** go-ethereum's {@code DefaultBPO2BlobConfig}, mainnet's, Sepolia's and Hoodi's BPO2. */
    public static final BlobSchedule BPO2_BLOBS = new BlobSchedule(14, 21, 11_684_671);

    public static final ChainSchedule MAINNET = new ChainSchedule(1, "mainnet", List.of(
            atBlock(ChainFork.FRONTIER, 0),
            atBlock(ChainFork.HOMESTEAD, 1_150_000),
            atBlock(ChainFork.DAO, 1_920_000),
            atBlock(ChainFork.TANGERINE_WHISTLE, 2_463_000),
            atBlock(ChainFork.SPURIOUS_DRAGON, 2_675_000),
            atBlock(ChainFork.BYZANTIUM, 4_370_000),
            atBlock(ChainFork.CONSTANTINOPLE, 7_280_000),
            atBlock(ChainFork.PETERSBURG, 7_280_000),
            atBlock(ChainFork.ISTANBUL, 9_069_000),
            atBlock(ChainFork.MUIR_GLACIER, 9_200_000),
            atBlock(ChainFork.BERLIN, 12_244_000),
            atBlock(ChainFork.LONDON, 12_965_000),
            atBlock(ChainFork.ARROW_GLACIER, 13_773_000),
            atBlock(ChainFork.GRAY_GLACIER, 15_050_000),
            atBlock(ChainFork.PARIS, 15_537_394),
            atTime(ChainFork.SHANGHAI, 1_681_338_455),
            atTime(ChainFork.CANCUN, 1_710_338_135, CANCUN_BLOBS),
            atTime(ChainFork.PRAGUE, 1_746_612_311, PRAGUE_BLOBS),
            atTime(ChainFork.OSAKA, 1_764_798_551),
            atTime(ChainFork.BPO1, 1_765_290_071, BPO1_BLOBS),
            atTime(ChainFork.BPO2, 1_767_747_671, BPO2_BLOBS)));

    /**
     * Sepolia ran every fork up to London from genesis. Paris is its first proof-of-stake block. Amsterdam
     * at 1791294816 (2026-10-06 13:53:36 UTC, epoch 353024) is as the project's issue 13 gives it: the
     * go-ethereum tree of 2026-08-20 does not schedule it yet; the start-up check against the node's
     * {@code eth_config} catches a difference.
     */
    public static final ChainSchedule SEPOLIA = new ChainSchedule(11_155_111, "sepolia", List.of(
            atBlock(ChainFork.LONDON, 0),
            atBlock(ChainFork.PARIS, 1_450_409),
            atTime(ChainFork.SHANGHAI, 1_677_557_088),
            atTime(ChainFork.CANCUN, 1_706_655_072, CANCUN_BLOBS),
            atTime(ChainFork.PRAGUE, 1_741_159_776, PRAGUE_BLOBS),
            atTime(ChainFork.OSAKA, 1_760_427_360),
            atTime(ChainFork.BPO1, 1_761_017_184, BPO1_BLOBS),
            atTime(ChainFork.BPO2, 1_761_607_008, BPO2_BLOBS),
            atTime(ChainFork.AMSTERDAM, 1_791_294_816)));

    /** Hoodi started in Cancun (block forks, the merge and Shanghai at genesis). */
    public static final ChainSchedule HOODI = new ChainSchedule(560_048, "hoodi", List.of(
            atTime(ChainFork.CANCUN, 0, CANCUN_BLOBS),
            atTime(ChainFork.PRAGUE, 1_742_999_832, PRAGUE_BLOBS),
            atTime(ChainFork.OSAKA, 1_761_677_592),
            atTime(ChainFork.BPO1, 1_762_365_720, BPO1_BLOBS),
            atTime(ChainFork.BPO2, 1_762_955_544, BPO2_BLOBS)));

    private static final List<ChainSchedule> BUILT_IN = List.of(MAINNET, SEPOLIA, HOODI);

    private Chains() {
    }

    /** The built-in schedule of this chain id, if any. */
    public static Optional<ChainSchedule> builtIn(long chainId) {
        return BUILT_IN.stream().filter(chain -> chain.chainId() == chainId).findFirst();
    }
}
