package io.evmsim.evm.block;

import io.evmsim.common.types.Hash;

/** The hashes of earlier blocks, for BLOCKHASH. */
@FunctionalInterface
public interface BlockHashes {
    /** The hash of block {@code number}; only asked for the 256 blocks before the current one. */
    Hash hashOf(long number);
}
