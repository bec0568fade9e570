package io.evmsim.evm.state;

import io.evmsim.common.trie.AccountEntry;
import io.evmsim.common.trie.StateRoot;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole world state held in memory: the state tests' pre-state, a devnet genesis. Changes of an
 * execution are applied with {@link #apply}, and {@link #stateRoot()} gives the Merkle-Patricia root.
 */
public final class InMemoryWorldState implements WorldState {
    private final Map<Address, StoredAccount> accounts = new HashMap<>();

    private static final class StoredAccount {
        long nonce;
        UInt256 balance;
        Code code;
        final Map<UInt256, UInt256> storage = new HashMap<>();
    }

    public void put(Address address, long nonce, UInt256 balance, byte[] code, Map<UInt256, UInt256> storage) {
        StoredAccount account = new StoredAccount();
        account.nonce = nonce;
        account.balance = balance;
        account.code = Code.of(code);
        storage.forEach((k, v) -> {
            if (!v.isZero()) {
                account.storage.put(k, v);
            }
        });
        accounts.put(address, account);
    }

    @Override
    public AccountState account(Address address) {
        StoredAccount account = accounts.get(address);
        if (account == null) {
            return null;
        }
        return new AccountState(account.nonce, account.balance, account.code.hash(), account.storage.isEmpty());
    }

    @Override
    public UInt256 storage(Address address, UInt256 slot) {
        StoredAccount account = accounts.get(address);
        UInt256 value = account == null ? null : account.storage.get(slot);
        return value == null ? UInt256.ZERO : value;
    }

    @Override
    public byte[] code(Address address, Hash codeHash) {
        StoredAccount account = accounts.get(address);
        if (account == null || !account.code.hash().equals(codeHash)) {
            throw new StateUnavailableException("no code with hash " + codeHash + " at " + address);
        }
        return account.code.bytes();
    }

    /** Writes what an execution changed: accounts that ceased to exist are removed. */
    public void apply(JournaledState state) {
        for (Account changed : state.loadedAccounts()) {
            if (!changed.exists) {
                accounts.remove(changed.address);
                continue;
            }
            StoredAccount account = accounts.computeIfAbsent(changed.address, a -> new StoredAccount());
            account.nonce = changed.nonce;
            account.balance = changed.balance;
            account.code = changed.code;
            if (changed.storageCleared) {
                account.storage.clear();
            }
            for (Map.Entry<UInt256, StorageSlot> slot : changed.storage.entrySet()) {
                if (!slot.getValue().written) {
                    continue;
                }
                if (slot.getValue().current.isZero()) {
                    account.storage.remove(slot.getKey());
                } else {
                    account.storage.put(slot.getKey(), slot.getValue().current);
                }
            }
        }
    }

    public Hash stateRoot() {
        List<AccountEntry> entries = new ArrayList<>(accounts.size());
        accounts.forEach((address, a) -> entries.add(
                new AccountEntry(address, a.nonce, a.balance, a.code.hash(), a.storage)));
        return StateRoot.compute(entries);
    }
}
