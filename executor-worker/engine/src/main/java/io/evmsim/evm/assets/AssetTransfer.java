package io.evmsim.evm.assets;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;

/**
 * A movement of one asset, in execution order.
 *
 * @param from who gave it (the zero address for a token mint, as the event says)
 * @param to who received it; null for ether burned as the base fee and blob fee
 * @param source what moved it
 */
public record AssetTransfer(Asset asset, Address from, Address to, UInt256 amount, Source source) {
    public enum Source {
        /** The value of a call or creation, including the transaction's own. */
        CALL_VALUE,
        /** A SELFDESTRUCT sending the contract's balance to its beneficiary. */
        SELFDESTRUCT,
        /** A token standard's Transfer event. */
        TOKEN_EVENT,
        /** The priority fee paid to the coinbase. */
        PRIORITY_FEE,
        /** The base fee and blob fee, burned. */
        BURNED_FEE
    }
}
