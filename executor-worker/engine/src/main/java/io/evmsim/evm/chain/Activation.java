package io.evmsim.evm.chain;

import io.evmsim.evm.fork.BlobSchedule;

/**
 * One fork of a chain's schedule: from which block number (forks up to the merge) or block
 * timestamp (Shanghai on) it applies, and the blob schedule it sets (EIP-7892), if any.
 *
 * @param fork the fork
 * @param byTimestamp whether {@code at} is a timestamp (otherwise a block number)
 * @param at the first block number or timestamp under the fork
 * @param blobSchedule the blob parameters from this fork on; null when the fork leaves them as they were
 */
public record Activation(ChainFork fork, boolean byTimestamp, long at, BlobSchedule blobSchedule) {
    public static Activation atBlock(ChainFork fork, long number) {
        return new Activation(fork, false, number, null);
    }

    public static Activation atTime(ChainFork fork, long timestamp) {
        return new Activation(fork, true, timestamp, null);
    }

    public static Activation atTime(ChainFork fork, long timestamp, BlobSchedule blobSchedule) {
        return new Activation(fork, true, timestamp, blobSchedule);
    }

    /** Whether the block with this number and timestamp is under the fork. */
    public boolean activeAt(long number, long timestamp) {
        return Long.compareUnsigned(byTimestamp ? timestamp : number, at) >= 0;
    }
}
