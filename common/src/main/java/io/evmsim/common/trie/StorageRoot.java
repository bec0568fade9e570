package io.evmsim.common.trie;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.rlp.Rlp;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.util.Map;

/**
 * An account's storage root (Yellow Paper, section 4.1): a trie keyed by keccak256 of the 32-byte
 * slot whose values are the RLP of the slot's value as a minimal big-endian number. A slot holding
 * zero is not in the trie at all.
 */
public final class StorageRoot {
    private StorageRoot() {
    }

    public static Hash compute(Map<UInt256, UInt256> storage) {
        MerklePatriciaTrie trie = new MerklePatriciaTrie();
        storage.forEach((slot, value) -> {
            if (!value.isZero()) {
                trie.put(slotKey(slot), Rlp.encodeUInt256(value));
            }
        });
        return trie.root();
    }

    /** The trie key of a slot, as eth_getProof storage proofs use it. */
    public static byte[] slotKey(UInt256 slot) {
        return Keccak.keccak256(slot.toBytes32());
    }
}
