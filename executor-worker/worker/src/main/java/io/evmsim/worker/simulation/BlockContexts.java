package io.evmsim.worker.simulation;

import io.evmsim.common.simulation.BlockOverrides;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlobGas;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.block.BlockHashes;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.statecache.client.BlockHeader;

/**
 * The block a simulation runs in: the pinned block's header with the request's overrides. As geth
 * does for {@code eth_call}, the simulated transaction executes on top of the pinned block's state
 * with that block's header fields (number, timestamp, base fee, ...).
 */
public final class BlockContexts {
    private BlockContexts() {
    }

    public static BlockContext of(BlockHeader header, BlockOverrides overrides, ForkRules rules, BlockHashes hashes,
            boolean zeroBaseFee) {
        BlockOverrides o = overrides != null ? overrides
                : new BlockOverrides(null, null, null, null, null, null, null);
        UInt256 baseFee = zeroBaseFee ? UInt256.ZERO : o.baseFee() != null ? o.baseFee() : header.baseFee();
        UInt256 prevRandao = o.prevRandao() != null ? o.prevRandao() : UInt256.fromBytes(header.prevRandao().toArray());
        UInt256 blobBaseFee = o.blobBaseFee() != null ? o.blobBaseFee()
                : BlobGas.baseFee(header.excessBlobGas(), rules.blobSchedule().baseFeeUpdateFraction());
        return new BlockContext(o.number() != null ? o.number() : header.number(),
                o.timestamp() != null ? o.timestamp() : header.timestamp(),
                o.coinbase() != null ? o.coinbase() : header.coinbase(),
                o.gasLimit() != null ? o.gasLimit() : header.gasLimit(), baseFee, prevRandao, header.excessBlobGas(),
                blobBaseFee, header.chainId(), hashes);
    }
}
