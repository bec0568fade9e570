package io.evmsim.evm.state;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;

/**
 * The state the engine executes against: in memory for tests, forked mainnet state in the worker.
 * Reads may block on the network (run executions on virtual threads); a read that cannot be
 * answered throws {@link StateUnavailableException}, never a made-up empty value.
 */
public interface WorldState {
    /** The account, or null when it does not exist. */
    AccountState account(Address address);

    /** The value of a storage slot; zero when unset. */
    UInt256 storage(Address address, UInt256 slot);

    /** The code of an account whose code hash is {@code codeHash}. */
    byte[] code(Address address, Hash codeHash);
}
