package io.evmsim.statecache.state;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.AccountData;
import java.util.Map;

/**
 * An account's own fields at a block, without storage. {@code storageRoot} is null when the upstream gave no
 * proofs (the value could not be known).
 */
public record AccountState(boolean exists, long nonce, UInt256 balance, Hash codeHash, Hash storageRoot) {
    public static AccountState of(AccountData data) {
        return new AccountState(data.exists(), data.nonce(), data.balance(), data.codeHash(), data.storageRoot());
    }

    public AccountData withSlots(Address address, Map<UInt256, UInt256> slots) {
        return new AccountData(address, exists, nonce, balance, codeHash, storageRoot, slots);
    }
}
