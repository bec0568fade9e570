package io.evmsim.evm.transaction;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;

/**
 * One EIP-7702 authorization with its signer already recovered.
 *
 * @param chainId 0 (any chain) or the chain it is for
 * @param address the delegate; the zero address clears a delegation
 * @param nonce the authority's nonce it is valid for
 * @param authority the recovered signer, or null when the signature is invalid (the entry is skipped)
 */
public record Authorization(UInt256 chainId, Address address, UInt256 nonce, Address authority) {
}
