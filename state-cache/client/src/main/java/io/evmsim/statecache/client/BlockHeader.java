package io.evmsim.statecache.client;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;

/**
 * A concrete block that every read of one simulation is pinned to. {@code hash} identifies the state
 * (reorg-safe); {@code number} is what the EVM sees as NUMBER.
 */
public record BlockHeader(long number, Hash hash, Hash parentHash, Hash stateRoot, long timestamp,
        UInt256 baseFee, long gasLimit, Address coinbase, Hash prevRandao, long excessBlobGas, long chainId) {
}
