package io.evmsim.common.simulation;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;

/** Block-context fields that replace the pinned block's own; null keeps the block's value. */
public record BlockOverrides(Long number, Long timestamp, UInt256 baseFee, Address coinbase, UInt256 prevRandao,
        Long gasLimit, UInt256 blobBaseFee) {
}
