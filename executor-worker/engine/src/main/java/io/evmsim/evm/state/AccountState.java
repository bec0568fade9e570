package io.evmsim.evm.state;

import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;

/**
 * An account as a {@link WorldState} reports it.
 *
 * @param nonce the nonce, an unsigned 64-bit number
 * @param balance the balance in wei
 * @param codeHash Keccak-256 of the code ({@link Hash#EMPTY_CODE} for none)
 * @param storageEmpty whether the account has no storage at all: EIP-7610 refuses to create a
 *     contract over storage
 */
public record AccountState(long nonce, UInt256 balance, Hash codeHash, boolean storageEmpty) {
}
