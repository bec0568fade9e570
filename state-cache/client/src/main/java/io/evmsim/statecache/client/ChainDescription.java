package io.evmsim.statecache.client;

import java.util.List;

/**
 * The chain the state cache serves, as {@code GET /v1/chain} answers it: its forks in activation
 * order, so that workers choose each block's rules without asking a node themselves.
 *
 * @param chainId the chain id
 * @param name the chain's name (mainnet, sepolia, hoodi) or where its schedule came from
 * @param source how the schedule was learned: {@code built-in} (checked against the node's
 *        {@code eth_config} when there is a node), {@code eth_config}, {@code genesis} (a geth-style
 *        genesis file)
 * @param forks the forks in activation order, the first at block 0
 */
public record ChainDescription(long chainId, String name, String source, List<ForkActivation> forks) {
    /**
     * One fork: named as clients name it ({@code Cancun}, {@code BPO1}), from a block number (forks up to
     * the merge) or a timestamp, with the blob parameters it sets (EIP-7892), or none when it keeps them.
     */
    public record ForkActivation(String fork, Long block, Long timestamp, BlobParameters blobSchedule) {
    }

    public record BlobParameters(int target, int max, long baseFeeUpdateFraction) {
    }
}
