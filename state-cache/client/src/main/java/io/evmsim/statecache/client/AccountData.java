package io.evmsim.statecache.client;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.util.Map;

/**
 * An account at a pinned block with the storage slots that were asked for. A slot that is absent from the
 * trie is present here with value zero: it was proven empty, not skipped. {@code storageRoot} is null only
 * when the upstream node serves no proofs (eth_getProof missing), since it cannot then be known.
 */
public record AccountData(Address address, boolean exists, long nonce, UInt256 balance, Hash codeHash,
        Hash storageRoot, Map<UInt256, UInt256> slots) {
    public AccountData {
        slots = Map.copyOf(slots);
    }
}
