package io.evmsim.worker.simulation;

import io.evmsim.common.simulation.BlockOverrides;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlobGas;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.block.BlockHashes;
import io.evmsim.evm.chain.BlockRules;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.worker.chain.ChainRules;

/**
 * The block a simulation runs in: the pinned block's header with the request's overrides. As geth
 * does for {@code eth_call}, the simulated transaction executes on top of the pinned block's state
 * with that block's header fields (number, timestamp, base fee, ...).
 */
public final class BlockContexts {
    private BlockContexts() {
    }

    /**
     * The rules of the block a simulation runs in, chosen by its number and timestamp after the
     * request's overrides (a timestamp override past an activation runs the later fork, as in geth).
     *
     * @throws io.evmsim.evm.chain.UnsupportedForkException when the engine does not implement its fork
     */
    public static BlockRules rules(ChainRules chain, BlockHeader header, BlockOverrides overrides) {
        long number = overrides != null && overrides.number() != null ? overrides.number() : header.number();
        long timestamp = overrides != null && overrides.timestamp() != null ? overrides.timestamp()
                : header.timestamp();
        return chain.at(number, timestamp);
    }

    /**
     * BLOCKHASH on the pinned block's chain: the pinned block's own hash (the pending block's parent), or an
     * ancestor's from the state cache, which takes it from the headers linked to the pinned block by parent hashes
     * (not a by-number lookup that may answer another branch). A number past the pinned block (a block override
     * running ahead of the chain) has no block on that chain: zero, as geth's GetHashFn answers.
     */
    public static BlockHashes hashes(StateCacheClient client, BlockHeader pinned) {
        return number -> number == pinned.number() ? pinned.hash()
                : number > pinned.number() ? Hash.ZERO : client.blockHash(pinned, number);
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
