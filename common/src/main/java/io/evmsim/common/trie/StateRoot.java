package io.evmsim.common.trie;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.rlp.Rlp;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.util.Collection;

/**
 * The Ethereum world-state root (Yellow Paper, section 4.1): a trie keyed by keccak256(address)
 * whose values are RLP([nonce, balance, storageRoot, codeHash]).
 */
public final class StateRoot {
    private StateRoot() {
    }

    /** The state root of these accounts; each address must appear once. */
    public static Hash compute(Collection<AccountEntry> accounts) {
        MerklePatriciaTrie trie = new MerklePatriciaTrie();
        for (AccountEntry account : accounts) {
            byte[] key = Keccak.keccak256(account.address().toArray());
            trie.put(key, encodeAccount(account.nonce(), account.balance(), account.storageRoot(), account.codeHash()));
        }
        return trie.root();
    }

    /** The value an account has in the state trie; the nonce is unsigned. */
    public static byte[] encodeAccount(long nonce, UInt256 balance, Hash storageRoot, Hash codeHash) {
        return Rlp.encodeList(Rlp.encodeUnsignedLong(nonce), Rlp.encodeUInt256(balance), Rlp.encodeHash(storageRoot),
                Rlp.encodeHash(codeHash));
    }
}
