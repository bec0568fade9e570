package io.evmsim.evm.simulation;

import static io.evmsim.evm.opcode.Opcodes.*;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.decode.TokenEventDecoder;
import io.evmsim.evm.fork.Fork;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.interpreter.Asm;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.evm.state.InMemoryWorldState;
import io.evmsim.evm.transaction.EvmTransaction;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** An in-memory world with hand-assembled contracts, and transactions to run on it. */
final class Fixture {
    static final Address ALICE = Address.fromHex("0xa11ce00000000000000000000000000000000001");
    static final Address BOB = Address.fromHex("0xb0b0000000000000000000000000000000000002");
    static final Address COINBASE = Address.fromHex("0xc0ffee000000000000000000000000000000c0fe");
    static final Address TOKEN = Address.fromHex("0x7070000000000000000000000000000000000007");
    static final Address ROUTER = Address.fromHex("0x7070000000000000000000000000000000000008");
    static final Address REVERTER = Address.fromHex("0x7070000000000000000000000000000000000009");
    static final long BASE_FEE = 7;
    static final UInt256 ETHER = UInt256.fromBigInteger(BigInteger.TEN.pow(18));

    final InMemoryWorldState world = new InMemoryWorldState();
    final CodeCache codeCache = new CodeCache(100);
    final ForkRules rules = ForkRules.forFork(Fork.PRAGUE);
    final BlockContext block = new BlockContext(100, 1_700_000_000L, COINBASE, 30_000_000, UInt256.valueOf(BASE_FEE),
            UInt256.valueOf(0x1234), 0, UInt256.ONE, 1, n -> Hash.wrap(Keccak.keccak256(UInt256.valueOf(n).toBytes32())));

    Fixture() {
        world.put(ALICE, 0, ETHER, new byte[0], Map.of());
        world.put(TOKEN, 1, UInt256.ZERO, token(), Map.of(ALICE.toWord(), UInt256.valueOf(1000)));
        world.put(REVERTER, 1, UInt256.ZERO, revertWith(errorString("not allowed")), Map.of());
    }

    Simulator simulator(SimulationOptions options) {
        return new Simulator(world, codeCache, rules, options);
    }

    /**
     * A token with the ERC-20 Transfer event: calldata {@code to, amount}; balances in the slot
     * named by the holder's address; no balance check (balances wrap), so tests pick amounts.
     */
    static byte[] token() {
        return Asm.code()
                .push(0x20).op(CALLDATALOAD) // amount
                .op(DUP1, CALLER, SLOAD, SUB, CALLER, SSTORE) // balance[caller] -= amount
                .op(DUP1).op(PUSH0, CALLDATALOAD, SLOAD, ADD).op(PUSH0, CALLDATALOAD, SSTORE) // balance[to] += amount
                .op(PUSH0, MSTORE)
                .op(PUSH0, CALLDATALOAD, CALLER).pushN(32, TokenEventDecoder.TRANSFER.toWord().toBigInteger())
                .push(0x20).op(PUSH0, LOG0 + 3)
                .op(STOP).bytes();
    }

    /** Calldata for {@link #token()}. */
    static byte[] transferCall(Address to, long amount) {
        byte[] data = new byte[64];
        to.toWord().writeTo(data, 0);
        UInt256.valueOf(amount).writeTo(data, 32);
        return data;
    }

    /** Code that reverts with {@code payload}, kept after the code and copied with CODECOPY. */
    static byte[] revertWith(byte[] payload) {
        int prefix = 10;
        byte[] head = Asm.code().push(payload.length).push(prefix).op(PUSH0, CODECOPY)
                .push(payload.length).op(PUSH0, REVERT).bytes();
        if (head.length != prefix) {
            throw new IllegalStateException("prefix is " + head.length);
        }
        return Asm.code().raw(head).raw(payload).bytes();
    }

    static byte[] errorString(String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[4 + 64 + ((text.length + 31) / 32) * 32];
        out[0] = 0x08;
        out[1] = (byte) 0xc3;
        out[2] = 0x79;
        out[3] = (byte) 0xa0;
        UInt256.valueOf(32).writeTo(out, 4);
        UInt256.valueOf(text.length).writeTo(out, 36);
        System.arraycopy(text, 0, out, 68, text.length);
        return out;
    }

    static byte[] panic(long code) {
        byte[] out = new byte[36];
        out[0] = 0x4e;
        out[1] = 0x48;
        out[2] = 0x7b;
        out[3] = 0x71;
        UInt256.valueOf(code).writeTo(out, 4);
        return out;
    }

    /** An unchecked call (eth_call style): no fee fields, nonce ignored. */
    static EvmTransaction call(Address from, Address to, long gas, long value, byte[] data) {
        return new EvmTransaction(2, from, to, 0, gas, UInt256.valueOf(value), data, null, UInt256.ZERO,
                UInt256.ZERO, List.of(), null, List.of(), List.of());
    }

    /** A checked EIP-1559 transaction paying {@code maxFee} with a tip of {@code tip}. */
    static EvmTransaction signed(Address from, Address to, long nonce, long gas, long value, byte[] data, long maxFee,
            long tip) {
        return new EvmTransaction(2, from, to, nonce, gas, UInt256.valueOf(value), data, null,
                UInt256.valueOf(maxFee), UInt256.valueOf(tip), List.of(), null, List.of(), List.of());
    }
}
