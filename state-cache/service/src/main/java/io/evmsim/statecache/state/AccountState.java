package io.evmsim.statecache.state;

import io.evmsim.common.simulation.StateProvenance;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.AccountData;
import java.util.HashMap;
import java.util.Map;

/**
 * An account's own fields at a block, without storage, and how they are known. {@code storageRoot} is null when
 * the upstream gave no proofs (the value could not be known).
 */
public record AccountState(boolean exists, long nonce, UInt256 balance, Hash codeHash, Hash storageRoot,
        StateProvenance provenance) {
    public static AccountState of(AccountData data, StateProvenance provenance) {
        return new AccountState(data.exists(), data.nonce(), data.balance(), data.codeHash(), data.storageRoot(),
                provenance);
    }

    /** The account with {@code slots}, saying which of them (and whether its own fields) are not proven. */
    public AccountData withSlots(Address address, Map<UInt256, SlotValue> slots) {
        Map<UInt256, UInt256> values = new HashMap<>();
        Map<UInt256, StateProvenance> unproven = new HashMap<>();
        slots.forEach((slot, value) -> {
            values.put(slot, value.value());
            if (value.provenance() != StateProvenance.PROVEN) {
                unproven.put(slot, value.provenance());
            }
        });
        return new AccountData(address, exists, nonce, balance, codeHash, storageRoot, values,
                AccountData.Unproven.of(provenance, unproven));
    }
}
