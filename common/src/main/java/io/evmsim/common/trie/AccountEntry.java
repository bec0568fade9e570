package io.evmsim.common.trie;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.util.Map;
import java.util.Objects;

/**
 * One account as the state trie sees it: what {@link StateRoot} needs to compute a root.
 *
 * @param address the account; its trie key is keccak256(address)
 * @param nonce   the nonce, read as an unsigned 64-bit number (EIP-2681 bounds it below 2^64-1)
 * @param balance the balance in wei
 * @param codeHash keccak256 of the code; {@link Hash#EMPTY_CODE} for an account without code
 * @param storage the storage slots; slots holding zero are ignored, as they do not exist in the trie
 */
public record AccountEntry(Address address, long nonce, UInt256 balance, Hash codeHash, Map<UInt256, UInt256> storage) {
    public AccountEntry {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(codeHash, "codeHash");
        storage = Map.copyOf(storage);
    }

    /** An account described by its code rather than the code's hash. */
    public static AccountEntry withCode(Address address, long nonce, UInt256 balance, byte[] code,
            Map<UInt256, UInt256> storage) {
        Hash codeHash = code.length == 0 ? Hash.EMPTY_CODE : Keccak.hash(code);
        return new AccountEntry(address, nonce, balance, codeHash, storage);
    }

    public Hash storageRoot() {
        return StorageRoot.compute(storage);
    }
}
