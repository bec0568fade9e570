package io.evmsim.statecache.state;

import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;

/** New values of an account's own fields in a block; null fields did not change. */
public record AccountUpdate(UInt256 balance, Long nonce, Hash codeHash) {
    /** This update followed by {@code later}. */
    public AccountUpdate then(AccountUpdate later) {
        return new AccountUpdate(later.balance != null ? later.balance : balance,
                later.nonce != null ? later.nonce : nonce, later.codeHash != null ? later.codeHash : codeHash);
    }
}
