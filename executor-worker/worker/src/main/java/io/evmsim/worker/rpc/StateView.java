package io.evmsim.worker.rpc;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.state.Account;
import io.evmsim.evm.state.AccountState;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.state.WorldState;

/**
 * The state a finished simulated block left behind, as the source of the next block's state: the
 * next block's overrides apply on top of it, as eth_simulateV1 applies each block's overrides to
 * the state the earlier blocks produced.
 */
final class StateView implements WorldState {
    private final JournaledState finished;

    StateView(JournaledState finished) {
        this.finished = finished;
    }

    @Override
    public AccountState account(Address address) {
        Account account = finished.account(address);
        if (!account.exists()) {
            return null;
        }
        return new AccountState(account.nonce(), account.balance(), account.code().hash(),
                !finished.hasStorage(account));
    }

    @Override
    public UInt256 storage(Address address, UInt256 slot) {
        return finished.slot(finished.account(address), slot).current();
    }

    @Override
    public byte[] code(Address address, Hash codeHash) {
        return finished.account(address).code().bytes();
    }
}
