package io.evmsim.evm.simulation;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlockContext;

/**
 * Fields of the block context a simulation replaces (eth_call's and eth_simulateV1's
 * {@code blockOverrides}); null keeps the block's own value.
 */
public record BlockOverrides(Long number, Long timestamp, UInt256 baseFee, Address coinbase, UInt256 prevRandao,
        Long gasLimit, UInt256 blobBaseFee) {
    public static final BlockOverrides NONE = new BlockOverrides(null, null, null, null, null, null, null);

    public BlockContext applyTo(BlockContext block) {
        return new BlockContext(
                number != null ? number : block.number(),
                timestamp != null ? timestamp : block.timestamp(),
                coinbase != null ? coinbase : block.coinbase(),
                gasLimit != null ? gasLimit : block.gasLimit(),
                baseFee != null ? baseFee : block.baseFee(),
                prevRandao != null ? prevRandao : block.prevRandao(),
                block.excessBlobGas(),
                blobBaseFee != null ? blobBaseFee : block.blobBaseFee(),
                block.chainId(),
                block.blockHashes());
    }
}
