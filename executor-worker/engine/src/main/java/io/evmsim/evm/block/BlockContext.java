package io.evmsim.evm.block;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;

/**
 * The block a transaction executes in, as the block-information opcodes see it.
 *
 * @param number NUMBER
 * @param timestamp TIMESTAMP
 * @param coinbase COINBASE, paid the priority fee
 * @param gasLimit GASLIMIT, also the most gas one transaction may ask for
 * @param baseFee BASEFEE (EIP-1559)
 * @param prevRandao PREVRANDAO (EIP-4399)
 * @param excessBlobGas the header's excess blob gas, from which the blob base fee follows
 * @param blobBaseFee BLOBBASEFEE (EIP-7516)
 * @param chainId CHAINID (EIP-1344)
 * @param blockHashes BLOCKHASH's source for the 256 previous blocks
 */
public record BlockContext(long number, long timestamp, Address coinbase, long gasLimit, UInt256 baseFee,
        UInt256 prevRandao, long excessBlobGas, UInt256 blobBaseFee, long chainId, BlockHashes blockHashes) {
}
