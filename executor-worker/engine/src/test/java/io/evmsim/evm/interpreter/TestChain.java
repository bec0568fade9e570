package io.evmsim.evm.interpreter;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.fork.Fork;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.evm.state.InMemoryWorldState;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.trace.ExecutionTracer;
import io.evmsim.evm.transaction.AccessListEntry;
import io.evmsim.evm.transaction.EvmTransaction;
import io.evmsim.evm.transaction.TransactionProcessor;
import io.evmsim.evm.transaction.TransactionResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-memory chain for tests: a world state, one block, a funded sender, and transactions run
 * through {@link TransactionProcessor}, each applied to the world before the next.
 */
final class TestChain {
    static final Address SENDER = Address.fromHex("0x5e0de00000000000000000000000000000005e0d");
    static final Address COINBASE = Address.fromHex("0xc0ffee000000000000000000000000000000c0fe");
    static final Address CONTRACT = Address.fromHex("0xc0de000000000000000000000000000000000001");
    static final Address OTHER = Address.fromHex("0xc0de000000000000000000000000000000000002");
    static final Address THIRD = Address.fromHex("0xc0de000000000000000000000000000000000003");
    static final long GAS_PRICE = 10;
    static final long BASE_FEE = 7;
    static final long BLOCK_GAS_LIMIT = 60_000_000;
    static final UInt256 SENDER_BALANCE = UInt256.fromBigInteger(java.math.BigInteger.TEN.pow(24));

    final Fork fork;
    final ForkRules rules;
    final InMemoryWorldState world = new InMemoryWorldState();
    final CodeCache codeCache = new CodeCache(1_000);
    final BlockContext block;
    /** The state of the last transaction, for reading what it left behind. */
    JournaledState lastState;
    private long senderNonce;

    TestChain(Fork fork) {
        this(ForkRules.forFork(fork));
    }

    TestChain(ForkRules rules) {
        this.fork = rules.fork();
        this.rules = rules;
        this.block = new BlockContext(1_000, 1_700_000_000L, COINBASE, BLOCK_GAS_LIMIT, UInt256.valueOf(BASE_FEE),
                UInt256.valueOf(0x1234), 0, UInt256.ONE, 1, n -> Hash.wrap(Keccak.keccak256(
                        UInt256.valueOf(n).toBytes32())));
        world.put(SENDER, 0, SENDER_BALANCE, new byte[0], Map.of());
    }

    TestChain account(Address address, long balance, byte[] code) {
        return account(address, balance, code, Map.of());
    }

    TestChain account(Address address, long balance, byte[] code, Map<UInt256, UInt256> storage) {
        world.put(address, address.equals(SENDER) ? senderNonce : 1, UInt256.valueOf(balance), code, storage);
        return this;
    }

    TestChain contract(byte[] code) {
        return account(CONTRACT, 0, code);
    }

    static EvmTransaction tx(Address to, long nonce, long gasLimit, long value, byte[] data,
            List<AccessListEntry> accessList) {
        return new EvmTransaction(1, SENDER, to, nonce, gasLimit, UInt256.valueOf(value), data,
                UInt256.valueOf(GAS_PRICE), null, null, accessList, null, List.of(), List.of());
    }

    TransactionResult call(Address to, long gasLimit) {
        return call(to, gasLimit, 0, new byte[0], List.of(), null);
    }

    TransactionResult call(Address to, long gasLimit, byte[] data) {
        return call(to, gasLimit, 0, data, List.of(), null);
    }

    TransactionResult call(Address to, long gasLimit, long value, byte[] data, List<AccessListEntry> accessList,
            ExecutionTracer tracer) {
        return run(tx(to, senderNonce, gasLimit, value, data, accessList), tracer);
    }

    TransactionResult create(byte[] initcode, long gasLimit) {
        return run(tx(null, senderNonce, gasLimit, 0, initcode, List.of()), null);
    }

    TransactionResult run(EvmTransaction tx, ExecutionTracer tracer) {
        JournaledState state = new JournaledState(world, codeCache);
        TransactionResult result = new TransactionProcessor(rules).execute(state, block, tx, tracer);
        lastState = state;
        if (result.isValid()) {
            world.apply(state);
            senderNonce = world.account(SENDER).nonce();
        }
        return result;
    }

    UInt256 storage(Address address, long key) {
        return world.storage(address, UInt256.valueOf(key));
    }

    UInt256 balance(Address address) {
        var account = world.account(address);
        return account == null ? UInt256.ZERO : account.balance();
    }

    /** Runs {@code body} on a thread with a large stack: the engine recurses once per call frame. */
    static void onBigStack(Runnable body) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "evm-test-big-stack", 512L << 20);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new AssertionError(t);
        }
    }
}
