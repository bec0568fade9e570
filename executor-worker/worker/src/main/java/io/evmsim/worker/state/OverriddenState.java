package io.evmsim.worker.state;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.simulation.AccountOverride;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.state.AccountState;
import io.evmsim.evm.state.WorldState;
import java.util.Map;

/**
 * A request's state overrides over the forked state, as geth's {@code eth_call} applies them:
 * {@code balance}, {@code nonce} and {@code code} replace the account's own; {@code state} replaces
 * its whole storage (unnamed slots read zero, without a fetch); {@code stateDiff} replaces only the
 * named slots.
 */
public final class OverriddenState implements WorldState {
    private final WorldState base;
    private final Map<Address, AccountOverride> overrides;

    public OverriddenState(WorldState base, Map<Address, AccountOverride> overrides) {
        this.base = base;
        this.overrides = overrides;
    }

    @Override
    public AccountState account(Address address) {
        AccountOverride override = overrides.get(address);
        AccountState account = base.account(address);
        if (override == null) {
            return account;
        }
        long nonce = override.nonce() != null ? override.nonce() : account == null ? 0 : account.nonce();
        UInt256 balance = override.balance() != null ? override.balance()
                : account == null ? UInt256.ZERO : account.balance();
        Hash codeHash = override.code() != null ? codeHash(override.code())
                : account == null ? Hash.EMPTY_CODE : account.codeHash();
        boolean storageEmpty = override.state() != null ? override.state().values().stream().allMatch(UInt256::isZero)
                : (account == null || account.storageEmpty()) && noneSet(override.stateDiff());
        return new AccountState(nonce, balance, codeHash, storageEmpty);
    }

    @Override
    public UInt256 storage(Address address, UInt256 slot) {
        AccountOverride override = overrides.get(address);
        if (override != null && override.state() != null) {
            return override.state().getOrDefault(slot, UInt256.ZERO);
        }
        if (override != null && override.stateDiff() != null && override.stateDiff().containsKey(slot)) {
            return override.stateDiff().get(slot);
        }
        return base.storage(address, slot);
    }

    @Override
    public byte[] code(Address address, Hash codeHash) {
        AccountOverride override = overrides.get(address);
        if (override != null && override.code() != null) {
            return override.code();
        }
        return base.code(address, codeHash);
    }

    private static boolean noneSet(Map<UInt256, UInt256> slots) {
        return slots == null || slots.values().stream().allMatch(UInt256::isZero);
    }

    private static Hash codeHash(byte[] code) {
        return code.length == 0 ? Hash.EMPTY_CODE : Keccak.hash(code);
    }
}
