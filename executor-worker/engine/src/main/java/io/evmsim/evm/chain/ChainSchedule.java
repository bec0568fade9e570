package io.evmsim.evm.chain;

import io.evmsim.evm.fork.BlobSchedule;
import io.evmsim.evm.fork.ForkRules;
import java.util.List;

/**
 * A chain's forks in activation order, from which the rules of each of its blocks follow: the named
 * fork is the last one active at the block's number and timestamp, the blob schedule the last one set
 * by an active fork (EIP-7892: BPO forks change it alone; a named fork without its own inherits it).
 *
 * @param chainId the chain id
 * @param name a name for people (mainnet, sepolia, the genesis file's, the node's)
 * @param activations the forks in activation order, the first at block 0
 */
public record ChainSchedule(long chainId, String name, List<Activation> activations) {
    public ChainSchedule {
        activations = List.copyOf(activations);
        if (activations.isEmpty() || activations.getFirst().at() != 0) {
            throw new IllegalArgumentException("chain " + name + ": the first fork must activate at block 0 or time 0");
        }
        for (int i = 1; i < activations.size(); i++) {
            Activation before = activations.get(i - 1);
            Activation after = activations.get(i);
            if (after.fork().compareTo(before.fork()) <= 0) {
                throw new IllegalArgumentException("chain " + name + ": " + after.fork().displayName()
                        + " is listed after " + before.fork().displayName());
            }
            if (before.byTimestamp() && !after.byTimestamp()) {
                throw new IllegalArgumentException("chain " + name + ": " + after.fork().displayName()
                        + " activates by block number after " + before.fork().displayName() + " did by timestamp");
            }
            if (before.byTimestamp() == after.byTimestamp() && Long.compareUnsigned(after.at(), before.at()) < 0) {
                throw new IllegalArgumentException("chain " + name + ": " + after.fork().displayName() + " at "
                        + after.at() + " activates before " + before.fork().displayName() + " at " + before.at());
            }
            if (after.fork().blobParametersOnly() && after.blobSchedule() == null) {
                throw new IllegalArgumentException("chain " + name + ": " + after.fork().displayName()
                        + " needs a blob schedule (EIP-7892)");
            }
        }
    }

    /** A chain under one fork from its genesis on (a development node, a test). */
    public static ChainSchedule fromGenesis(long chainId, String name, ChainFork fork) {
        return new ChainSchedule(chainId, name, List.of(Activation.atTime(fork, 0)));
    }

    /**
     * The rules of the block with this number and timestamp.
     *
     * @throws UnsupportedForkException when the block is under a fork the engine does not implement
     */
    public BlockRules rulesAt(long number, long timestamp) {
        Activation named = namedAt(number, timestamp);
        Activation blobs = blobsAt(number, timestamp);
        if (named == null || named.fork().engineFork() == null) {
            throw new UnsupportedForkException(named == null ? ChainFork.FRONTIER : named.fork(), number, timestamp);
        }
        ForkRules rules = ForkRules.forFork(named.fork().engineFork());
        if (blobs == null) {
            return new BlockRules(named.fork(), rules, named.fork());
        }
        BlobSchedule schedule = blobs.blobSchedule();
        return new BlockRules(named.fork(), rules.withBlobSchedule(schedule), blobs.fork());
    }

    /** The named (not blob-parameter-only) fork last activated at this block; null before the first. */
    public Activation namedAt(long number, long timestamp) {
        Activation named = null;
        for (Activation activation : activations) {
            if (activation.activeAt(number, timestamp) && !activation.fork().blobParametersOnly()) {
                named = activation;
            }
        }
        return named;
    }

    /** The fork whose blob schedule applies at this block; null when none has set one. */
    public Activation blobsAt(long number, long timestamp) {
        Activation blobs = null;
        for (Activation activation : activations) {
            if (activation.activeAt(number, timestamp) && activation.blobSchedule() != null) {
                blobs = activation;
            }
        }
        return blobs;
    }

    /** The activation of {@code fork} on this chain, or null when the chain does not schedule it. */
    public Activation activation(ChainFork fork) {
        for (Activation activation : activations) {
            if (activation.fork() == fork) {
                return activation;
            }
        }
        return null;
    }
}
