package io.evmsim.evm.state;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;

/**
 * A {@link JournaledState} between transactions, read as a {@link WorldState}: what a call made
 * after the simulated transactions sees (token metadata, a receiver probe). The call runs on a
 * journaled state of its own over this view and is thrown away, so it changes nothing here; what it
 * reads that the simulation had not loaded is read from the simulation's own source.
 */
public final class SettledState implements WorldState {
    private final JournaledState state;

    public SettledState(JournaledState state) {
        this.state = state;
    }

    @Override
    public AccountState account(Address address) {
        Account account = state.account(address);
        if (!account.exists) {
            return null;
        }
        return new AccountState(account.nonce, account.balance, account.code.hash(), storageEmpty(account));
    }

    @Override
    public UInt256 storage(Address address, UInt256 slot) {
        return state.slot(state.account(address), slot).current;
    }

    @Override
    public byte[] code(Address address, Hash codeHash) {
        return state.account(address).code.bytes();
    }

    private static boolean storageEmpty(Account account) {
        if (!account.storageCleared && !account.storageEmptyInSource) {
            return false;
        }
        return account.storage.values().stream().allMatch(slot -> slot.current.isZero());
    }
}
