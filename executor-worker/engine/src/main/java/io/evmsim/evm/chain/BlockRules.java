package io.evmsim.evm.chain;

import io.evmsim.evm.fork.BlobSchedule;
import io.evmsim.evm.fork.ForkRules;

/**
 * The rules one block runs under, as its chain's schedule chooses them.
 *
 * @param fork the named fork of the block
 * @param rules the engine's rules for that fork, with the block's blob schedule
 * @param blobFork the fork whose blob schedule applies: {@code fork} itself, or a later BPO fork
 */
public record BlockRules(ChainFork fork, ForkRules rules, ChainFork blobFork) {
    public BlobSchedule blobSchedule() {
        return rules.blobSchedule();
    }
}
