package io.evmsim.evm.state;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import java.util.HashMap;

/**
 * An account as the executing transaction sees it: loaded once from the {@link WorldState}, then
 * changed only through {@link JournaledState}, which records every change so it can be undone.
 */
public final class Account {
    final Address address;
    long nonce;
    UInt256 balance;
    Code code;
    boolean exists;
    boolean storageEmptyInSource;
    /** Created in the current transaction (EIP-6780 lets SELFDESTRUCT delete only these). */
    boolean createdInTransaction;
    boolean selfDestructed;
    /** Changed in a way that EIP-161 looks at: an empty touched account is removed at the end. */
    boolean touched;
    boolean warm;
    /** The storage was cleared (the account was re-created); the source's slots no longer count. */
    boolean storageCleared;
    final HashMap<UInt256, StorageSlot> storage = new HashMap<>();

    Account(Address address) {
        this.address = address;
    }

    public Address address() {
        return address;
    }

    public long nonce() {
        return nonce;
    }

    public UInt256 balance() {
        return balance;
    }

    public Code code() {
        return code;
    }

    public boolean exists() {
        return exists;
    }

    public boolean isSelfDestructed() {
        return selfDestructed;
    }

    public boolean isCreatedInTransaction() {
        return createdInTransaction;
    }

    /** EIP-161: no code, zero nonce and zero balance. */
    public boolean isEmpty() {
        return nonce == 0 && balance.isZero() && code.size() == 0;
    }

    /** The storage slots this account has loaded or written, for the state root and diffs. */
    public Iterable<java.util.Map.Entry<UInt256, StorageSlot>> loadedSlots() {
        return storage.entrySet();
    }

    public boolean storageCleared() {
        return storageCleared;
    }
}
