package io.evmsim.evm.trace.prestate;

import io.evmsim.common.types.UInt256;
import io.evmsim.evm.state.Code;
import java.util.Collections;
import java.util.SortedMap;

/**
 * An account as geth's {@code prestateTracer} reports it, each field null (or 0 for the nonce)
 * where geth omits it ({@code omitempty}).
 *
 * @param balance the balance; in a {@code post} entry only when it changed
 * @param nonce the nonce; 0 is omitted, and in a {@code post} entry it appears only when it changed
 * @param code the code; null when empty or, in a {@code post} entry, unchanged
 * @param storage slots by key; empty is omitted
 */
public record AccountSnapshot(UInt256 balance, long nonce, Code code, SortedMap<UInt256, UInt256> storage) {
    public AccountSnapshot {
        storage = Collections.unmodifiableSortedMap(storage);
    }
}
