package io.evmsim.worker.preview;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.state.SettledState;
import io.evmsim.evm.trace.ExecutionTracer;
import io.evmsim.evm.transaction.EvmTransaction;
import io.evmsim.evm.transaction.TransactionProcessor;
import io.evmsim.evm.transaction.TransactionResult;
import io.evmsim.evm.transaction.Validation;
import java.util.List;

/**
 * Read-only calls on the state a simulated transaction left, run by our own engine: token metadata
 * and receiver probes. Each call runs on a journaled state of its own over {@link SettledState} and
 * is thrown away. Reads go through the simulation's own state source, so a read of something not yet
 * fetched is a miss the executor fetches before it runs again, never a made-up zero.
 */
final class StateCalls {
    /** Enough for any honest {@code symbol()} or receiver hook; a token that needs more gets no metadata. */
    static final long CALL_GAS = 100_000;
    private static final ExecutionTracer NO_TRACER = new ExecutionTracer() {
    };

    private final JournaledState settled;
    private final CodeCache codeCache;
    private final TransactionProcessor processor;
    private final BlockContext block;
    private final boolean offline;
    private int calls;

    /**
     * @param offline make no call and read nothing the simulation did not load: when the deadline leaves
     *     too little time for another round of state reads
     */
    StateCalls(JournaledState settled, CodeCache codeCache, ForkRules rules, BlockContext block, boolean offline) {
        this.settled = settled;
        this.offline = offline;
        this.codeCache = codeCache;
        this.processor = new TransactionProcessor(rules);
        this.block = block;
    }

    /** What {@code to} returns for {@code data} called from {@code from}; null when it reverts or halts. */
    byte[] call(Address from, Address to, byte[] data) {
        if (offline) {
            throw new IllegalStateException("no calls in an offline preview");
        }
        calls++;
        JournaledState scratch = new JournaledState(new SettledState(settled), codeCache);
        EvmTransaction tx = new EvmTransaction(0, from, to, scratch.account(from).nonce(), CALL_GAS, UInt256.ZERO,
                data, UInt256.ZERO, null, null, List.of(), null, List.of(), List.of());
        TransactionResult result = processor.execute(scratch, block, tx, NO_TRACER, Validation.SKIPPED);
        return result.isValid() && result.isSuccess() ? result.output() : null;
    }

    boolean offline() {
        return offline;
    }

    /** Whether the account can be read: always, unless offline and the simulation did not load it. */
    boolean knows(Address address) {
        return !offline || settled.isLoaded(address);
    }

    boolean hasCode(Address address) {
        return settled.account(address).code().size() > 0;
    }

    UInt256 balance(Address address) {
        return settled.account(address).balance();
    }

    /** The calls made so far, for the cost measurement. */
    int calls() {
        return calls;
    }
}
