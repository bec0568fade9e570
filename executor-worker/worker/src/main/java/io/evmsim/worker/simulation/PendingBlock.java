package io.evmsim.worker.simulation;

import io.evmsim.common.simulation.BlockOverrides;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.block.NextBlock;
import io.evmsim.evm.block.SystemCalls;
import io.evmsim.evm.chain.BlockRules;
import io.evmsim.evm.fork.Fork;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.precompile.Precompile;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.StateCacheException;
import io.evmsim.worker.chain.ChainRules;
import java.util.Map;

/**
 * {@code block: "pending"}: what happens if the transactions are included next. They run on the
 * latest block's state in the next block's context: number + 1, timestamp + 12 s (unless overridden),
 * the base fee by EIP-1559 and the excess blob gas by EIP-4844 / EIP-7918 from the latest block, under
 * the rules the chain's schedule gives that number and timestamp, after the system calls a block
 * starts with (EIP-4788, EIP-2935). The coinbase, gas limit and prevRandao of the next block are not
 * known before it is built: the latest block's are used, unless overridden.
 */
public final class PendingBlock {
    public static final String TAG = "pending";
    /**
     * The pending block's parent beacon block root is the root of a beacon block not yet known to the
     * execution layer: the zero root, as go-ethereum's eth_simulateV1 uses for the blocks it simulates.
     */
    public static final Hash PARENT_BEACON_ROOT = Hash.ZERO;

    private PendingBlock() {
    }

    public static boolean requested(String blockId) {
        return TAG.equals(blockId);
    }

    /**
     * The header of the block after {@code parent} (its hash is not known: zero).
     *
     * @throws StateCacheException when the state cache gave the parent without its gas used
     * @throws io.evmsim.evm.chain.UnsupportedForkException when the engine does not implement the block's fork
     */
    public static BlockHeader after(BlockHeader parent, ChainRules chain, BlockOverrides overrides) {
        if (parent.gasUsed() == null || parent.blobGasUsed() == null) {
            throw new StateCacheException("the state cache gave block " + parent.number()
                    + " without its gas used: the next block's base fee cannot be derived");
        }
        BlockHeader next = header(parent, 0);
        BlockRules rules = BlockContexts.rules(chain, next, overrides);
        long excess = NextBlock.excessBlobGas(parent.excessBlobGas(), parent.blobGasUsed(), parent.baseFee(),
                rules.blobSchedule(), rules.rules().fork().compareTo(Fork.OSAKA) >= 0); // EIP-7918 from Osaka
        return header(parent, excess);
    }

    /** The system calls of the block's start, on the state the transactions then run on. */
    public static void beginBlock(JournaledState state, BlockContext block, ForkRules rules,
            Map<Address, Precompile> precompiles, BlockHeader parent) {
        SystemCalls.beginBlock(state, block, rules, precompiles, PARENT_BEACON_ROOT, parent.hash());
    }

    private static BlockHeader header(BlockHeader parent, long excessBlobGas) {
        return new BlockHeader(parent.number() + 1, Hash.ZERO, parent.hash(), parent.stateRoot(),
                parent.timestamp() + NextBlock.SLOT_SECONDS,
                NextBlock.baseFee(parent.baseFee(), parent.gasUsed(), parent.gasLimit()), parent.gasLimit(),
                parent.coinbase(), parent.prevRandao(), excessBlobGas, parent.chainId(), 0L, 0L);
    }
}
