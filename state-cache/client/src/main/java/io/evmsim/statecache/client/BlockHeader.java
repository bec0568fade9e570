package io.evmsim.statecache.client;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;

/**
 * A concrete block that every read of one simulation is pinned to. {@code hash} identifies the state
 * (reorg-safe); {@code number} is what the EVM sees as NUMBER. {@code gasUsed} and {@code blobGasUsed}
 * (0 before Cancun) are what the next block's base fee and excess blob gas follow from; null when
 * not known (a header kept by an earlier version), never a zero in their place.
 */
public record BlockHeader(long number, Hash hash, Hash parentHash, Hash stateRoot, long timestamp,
        UInt256 baseFee, long gasLimit, Address coinbase, Hash prevRandao, long excessBlobGas, long chainId,
        Long gasUsed, Long blobGasUsed) {
    /** A header without its gas used (not needed but to derive the next block). */
    public BlockHeader(long number, Hash hash, Hash parentHash, Hash stateRoot, long timestamp, UInt256 baseFee,
            long gasLimit, Address coinbase, Hash prevRandao, long excessBlobGas, long chainId) {
        this(number, hash, parentHash, stateRoot, timestamp, baseFee, gasLimit, coinbase, prevRandao, excessBlobGas,
                chainId, null, null);
    }
}
