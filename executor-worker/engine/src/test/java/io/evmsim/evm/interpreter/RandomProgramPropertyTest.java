package io.evmsim.evm.interpreter;

import static io.evmsim.evm.interpreter.TestChain.COINBASE;
import static io.evmsim.evm.interpreter.TestChain.SENDER;
import static io.evmsim.evm.opcode.Opcodes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.fork.Fork;
import io.evmsim.evm.opcode.OpcodeInfo;
import io.evmsim.evm.opcode.Opcodes;
import io.evmsim.evm.state.Account;
import io.evmsim.evm.state.AccountState;
import io.evmsim.evm.state.Code;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.trace.ExecutionTracer;
import io.evmsim.evm.transaction.EvmTransaction;
import io.evmsim.evm.transaction.IntrinsicGas;
import io.evmsim.evm.transaction.TransactionProcessor;
import io.evmsim.evm.transaction.TransactionResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Runs 100,000 random programs as transactions and checks that every one ends in a defined
 * outcome: success, revert, or an exceptional halt that consumes the whole gas limit; that no
 * Java exception escapes the engine; that gas used never exceeds the limit; that ether is
 * conserved (only the base fee burns, or a SELFDESTRUCT); and that a re-run gives the same result.
 *
 * <p>Every program comes from its own seed ({@link #SEED} and its index), so a failure names the
 * index that reproduces it through {@link #generate(int)}.
 */
class RandomProgramPropertyTest {
    private static final long SEED = 0x5eed_e7a1_2025L;
    private static final int PROGRAMS = 100_000;
    private static final int MAX_REPORTED_FAILURES = 8;

    private static final Address TARGET = Address.fromHex("0x7a26e70000000000000000000000000000007a26");
    private static final Address ECHO = Address.fromHex("0xec40000000000000000000000000000000000ec4");
    private static final Address REVERTER = Address.fromHex("0x2e7e270000000000000000000000000000002e7e");
    private static final Address DESTRUCTOR = Address.fromHex("0xde57000000000000000000000000000000000de5");
    private static final Address REENTER = Address.fromHex("0x2ee0000000000000000000000000000000002ee0");
    private static final Address STORER = Address.fromHex("0x5707e20000000000000000000000000000005707");
    private static final Address BURNER = Address.fromHex("0xb02e000000000000000000000000000000000b02");
    private static final Address CREATOR = Address.fromHex("0xc2ea700000000000000000000000000000000c2e");
    private static final Address DELEGATED = Address.fromHex("0xde1e6a7000000000000000000000000000000de1");
    private static final Address RICH_EOA = Address.fromHex("0xe0a0000000000000000000000000000000000e0a");
    private static final Address NOBODY = Address.fromHex("0x0000000000000000000000000000000000b0d1e5");

    private static final List<Address> ADDRESSES = List.of(TARGET, ECHO, REVERTER, DESTRUCTOR, REENTER, STORER,
            BURNER, CREATOR, DELEGATED, RICH_EOA, NOBODY, SENDER, COINBASE, Address.ZERO, Address.fromLong(1),
            Address.fromLong(2), Address.fromLong(4), Address.fromLong(9), Address.fromLong(0x100));

    private static final Map<UInt256, UInt256> TARGET_STORAGE = Map.of(UInt256.ZERO, UInt256.ONE,
            UInt256.ONE, UInt256.valueOf(2), UInt256.valueOf(2), UInt256.MAX);

    /** Every byte the opcode table defines in some fork (later forks' opcodes halt in earlier ones). */
    private static final int[] DEFINED = definedOpcodes();

    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    private static final BigInteger[] EDGES = {
        BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(31), BigInteger.valueOf(32),
        BigInteger.valueOf(255), BigInteger.valueOf(256), BigInteger.valueOf(1023), BigInteger.valueOf(1024),
        BigInteger.ONE.shiftLeft(31), BigInteger.ONE.shiftLeft(32), BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE),
        BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(63),
        BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(64),
        BigInteger.ONE.shiftLeft(128), BigInteger.ONE.shiftLeft(255), MAX, MAX.subtract(BigInteger.ONE),
    };

    /** One generated case: everything needed to run it again. */
    record Case(int index, String kind, Fork fork, byte[] program, byte[] calldata, long gasLimit, long value,
            boolean creation) {
        String describe() {
            return "case " + index + " (" + kind + ", " + fork + (creation ? ", creation" : "") + ", gas " + gasLimit
                    + ", value " + value + ")\n  program  " + Hex.encode(program) + "\n  calldata " + Hex.encode(calldata);
        }
    }

    @Test
    void randomProgramsEndInADefinedOutcome() {
        TestChain.onBigStack(this::runAll);
    }

    private void runAll() {
        Map<Fork, TestChain> chains = new EnumMap<>(Fork.class);
        Map<Fork, TransactionProcessor> processors = new EnumMap<>(Fork.class);
        for (Fork fork : Fork.values()) {
            TestChain chain = new TestChain(fork);
            preState(chain);
            chains.put(fork, chain);
            processors.put(fork, new TransactionProcessor(chain.rules));
        }
        TreeMap<String, Integer> outcomes = new TreeMap<>();
        TreeMap<String, Integer> byKind = new TreeMap<>();
        TreeMap<String, Integer> innerFrames = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int failureCount = 0;
        long instructions = 0;
        int maxDepth = 0;
        long start = System.nanoTime();
        for (int i = 0; i < PROGRAMS; i++) {
            Case c = generate(i);
            TestChain chain = chains.get(c.fork());
            Probe probe = i % 2 == 0 ? new Probe() : null;
            try {
                TransactionResult result = run(chain, processors.get(c.fork()), c, probe);
                String outcome = result.halt() != null ? "halt " + result.halt().name()
                        : result.reverted() ? "revert" : "success";
                outcomes.merge(outcome, 1, Integer::sum);
                byKind.merge(c.kind() + " " + (result.halt() != null ? "halt" : outcome), 1, Integer::sum);
                if (probe != null) {
                    instructions += probe.steps;
                    maxDepth = Math.max(maxDepth, probe.maxDepth);
                    probe.frames.forEach((k, v) -> innerFrames.merge(k, v, Integer::sum));
                }
                if (i % 25 == 0) {
                    // the same transaction on a fresh state gives the same result
                    TransactionResult again = run(chain, processors.get(c.fork()), c, null);
                    assertEquals(result.gasUsed(), again.gasUsed(), "gas used on a re-run");
                    assertEquals(result.halt(), again.halt(), "halt on a re-run");
                    assertEquals(result.reverted(), again.reverted(), "revert on a re-run");
                    assertTrue(Arrays.equals(result.output(), again.output()), "output on a re-run");
                    assertEquals(result.logs().size(), again.logs().size(), "logs on a re-run");
                }
            } catch (Throwable t) {
                failureCount++;
                outcomes.merge("FAILED " + t.getClass().getSimpleName(), 1, Integer::sum);
                if (failures.size() < MAX_REPORTED_FAILURES) {
                    failures.add(c.describe() + "\n  " + stackTrace(t));
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder report = new StringBuilder(String.format("%n%d random programs in %.1f s (seed 0x%x)%n",
                PROGRAMS, seconds, SEED));
        outcomes.forEach((k, v) -> report.append(String.format("  %-32s %7d%n", k, v)));
        report.append("by kind:\n");
        byKind.forEach((k, v) -> report.append(String.format("  %-32s %7d%n", k, v)));
        report.append("inner frames (traced runs):\n");
        innerFrames.forEach((k, v) -> report.append(String.format("  %-40s %7d%n", k, v)));
        report.append(String.format("instructions traced (every other run): %d, deepest frame: %d%n", instructions,
                maxDepth));
        System.out.println(report);
        if (failureCount > 0) {
            fail(failureCount + " of " + PROGRAMS + " random programs broke a property:\n\n"
                    + String.join("\n\n", failures));
        }
    }

    /** Counts steps and depth, and notes whether SELFDESTRUCT ran (the one way ether may burn). */
    static final class Probe implements ExecutionTracer {
        long steps;
        int maxDepth;
        boolean selfDestruct;
        final TreeMap<String, Integer> frames = new TreeMap<>();

        @Override
        public void onStep(Frame frame, int opcode) {
            steps++;
            if (opcode == SELFDESTRUCT) {
                selfDestruct = true;
            }
        }

        @Override
        public void onFrameStart(Message message) {
            maxDepth = Math.max(maxDepth, message.depth());
        }

        @Override
        public void onFrameEnd(Message message, FrameResult result) {
            if (message.depth() > 0) {
                String outcome = result.halt() != null ? "halt " + result.halt().name()
                        : result.reverted() ? "revert" : "success";
                frames.merge(message.kind().name().toLowerCase() + " " + outcome, 1, Integer::sum);
            }
        }
    }

    private static TransactionResult run(TestChain chain, TransactionProcessor processor, Case c, Probe probe) {
        chain.world.put(TARGET, 1, UInt256.valueOf(1_000_000), c.creation() ? new byte[0] : c.program(),
                TARGET_STORAGE);
        JournaledState state = new JournaledState(chain.world, chain.codeCache);
        EvmTransaction tx = TestChain.tx(c.creation() ? null : TARGET, 0, c.gasLimit(), c.value(),
                c.creation() ? c.program() : c.calldata(), List.of());
        TransactionResult result = processor.execute(state, chain.block, tx, probe);
        checkProperties(chain, c, tx, state, result, probe);
        return result;
    }

    private static void checkProperties(TestChain chain, Case c, EvmTransaction tx, JournaledState state,
            TransactionResult result, Probe probe) {
        assertTrue(result.isValid(), () -> "rejected: " + result.invalid());
        long intrinsic = IntrinsicGas.of(tx, chain.rules);
        long floor = IntrinsicGas.floor(tx, chain.rules);
        assertTrue(result.gasUsed() <= c.gasLimit(), () -> "gas used " + result.gasUsed() + " above the limit");
        assertTrue(result.gasUsed() >= Math.max(intrinsic, floor), () -> "gas used " + result.gasUsed()
                + " below the intrinsic " + intrinsic + " / floor " + floor);
        assertTrue(result.halt() == null || !result.reverted(), "halted and reverted at once");
        if (result.halt() != null) {
            assertEquals(c.gasLimit(), result.gasUsed(), "a halt consumes all gas");
            assertEquals(0, result.output().length, "a halt returns no data");
        }
        if (!result.isSuccess()) {
            assertEquals(0, result.logs().size(), "a failed transaction keeps no logs");
            assertEquals(null, result.createdAddress(), "a failed creation creates nothing");
        }
        if (c.creation() && result.isSuccess()) {
            assertTrue(result.createdAddress() != null, "a successful creation names its address");
        }
        long charged = result.gas().intrinsic() + result.gas().execution() - result.gas().refund();
        assertEquals(result.gas().floorApplied() ? floor : charged, result.gasUsed(), "gas breakdown adds up");
        assertEquals(charged < floor, result.gas().floorApplied(), "the floor applies exactly when it is higher");
        assertTrue(result.gas().refund() >= 0 && result.gas().refund() <= (result.gas().execution()
                + result.gas().intrinsic()) / 5, "refund within the EIP-3529 cap");

        // the sender's nonce moved by one
        assertEquals(1, state.account(SENDER).nonce(), "sender nonce");

        // a failed transaction leaves every account but the sender's and the coinbase's as it was
        if (!result.isSuccess()) {
            for (Account account : state.loadedAccounts()) {
                Address address = account.address();
                if (address.equals(SENDER) || address.equals(COINBASE)) {
                    continue;
                }
                AccountState original = chain.world.account(address);
                String what = "after a failed transaction, account " + address;
                assertEquals(original != null, account.exists(), what + " exists");
                if (original != null) {
                    assertEquals(original.balance(), account.balance(), what + " balance");
                    assertEquals(original.nonce(), account.nonce(), what + " nonce");
                    assertEquals(original.codeHash(), account.code().hash(), what + " code");
                }
                for (Map.Entry<UInt256, io.evmsim.evm.state.StorageSlot> slot : account.loadedSlots()) {
                    assertEquals(chain.world.storage(address, slot.getKey()), slot.getValue().current(),
                            what + " slot " + slot.getKey());
                }
            }
        }

        // ether: only the base fee burns, unless a SELFDESTRUCT ran
        BigInteger before = BigInteger.ZERO;
        BigInteger after = BigInteger.ZERO;
        for (Account account : state.loadedAccounts()) {
            AccountState original = chain.world.account(account.address());
            if (original != null) {
                before = before.add(original.balance().toBigInteger());
            }
            after = after.add(account.balance().toBigInteger());
        }
        BigInteger burnt = BigInteger.valueOf(TestChain.BASE_FEE).multiply(BigInteger.valueOf(result.gasUsed()));
        BigInteger expected = before.subtract(burnt);
        if (probe != null && !probe.selfDestruct) {
            assertEquals(expected, after, "ether conserved apart from the base fee");
        } else {
            assertTrue(after.compareTo(expected) <= 0, "ether created out of nothing");
        }
    }

    // ---- the pre-state ------------------------------------------------------------------------------

    private static void preState(TestChain chain) {
        long rich = 1_000_000_000L;
        chain.world.put(TARGET, 1, UInt256.valueOf(1_000_000), new byte[0], TARGET_STORAGE);
        // returns its calldata
        chain.account(ECHO, 0, Asm.of(CALLDATASIZE, PUSH0, PUSH0, CALLDATACOPY, CALLDATASIZE, PUSH0, RETURN));
        // reverts with one word
        chain.account(REVERTER, 0, Asm.code().push(1).op(PUSH0, MSTORE).push(32).op(PUSH0, REVERT).bytes());
        // sends its balance to its caller and ends
        chain.account(DESTRUCTOR, 5_000, Asm.of(CALLER, SELFDESTRUCT));
        // calls its caller back with all gas and the same calldata, returns what came back
        chain.account(REENTER, 1_000, Asm.code()
                .op(CALLDATASIZE, PUSH0, PUSH0, CALLDATACOPY)
                .op(PUSH0, PUSH0, CALLDATASIZE, PUSH0, CALLVALUE, CALLER, GAS, CALL)
                .op(RETURNDATASIZE, PUSH0, PUSH0, RETURNDATACOPY, RETURNDATASIZE, PUSH0, RETURN).bytes());
        // stores calldata word 1 at word 0 (storage and transient), logs, returns the old value
        chain.account(STORER, 0, Asm.code()
                .op(PUSH0, CALLDATALOAD, SLOAD)
                .push(32).op(CALLDATALOAD, PUSH0, CALLDATALOAD, SSTORE)
                .push(32).op(CALLDATALOAD, PUSH0, CALLDATALOAD, TSTORE)
                .op(DUP1).push(32).op(PUSH0, LOG0 + 1)
                .op(PUSH0, MSTORE).push(32).op(PUSH0, RETURN).bytes(), Map.of(UInt256.ZERO, UInt256.valueOf(7)));
        // loops until out of gas
        chain.account(BURNER, 0, Asm.of(JUMPDEST, PUSH0, JUMP));
        // creates a contract from its calldata, returns the address
        chain.account(CREATOR, 10_000, Asm.code()
                .op(CALLDATASIZE, PUSH0, PUSH0, CALLDATACOPY)
                .op(CALLDATASIZE, PUSH0, CALLVALUE, CREATE)
                .op(PUSH0, MSTORE).push(32).op(PUSH0, RETURN).bytes());
        // an EIP-7702 delegation to ECHO (just bad code before Prague)
        chain.account(DELEGATED, 0, Code.delegationDesignator(ECHO));
        chain.world.put(RICH_EOA, 3, UInt256.valueOf(rich), new byte[0], Map.of());
    }

    // ---- the generator ------------------------------------------------------------------------------

    static Case generate(int index) {
        SplittableRandom r = new SplittableRandom(SEED ^ (index * 0x9E3779B97F4A7C15L));
        Fork fork = Fork.values()[r.nextInt(Fork.values().length)];
        int mode = r.nextInt(10);
        String kind;
        byte[] program;
        if (mode < 3) {
            kind = "random-bytes";
            program = new byte[1 + r.nextInt(r.nextBoolean() ? 32 : 256)];
            for (int k = 0; k < program.length; k++) {
                program[k] = (byte) r.nextInt(256);
            }
        } else {
            kind = "biased";
            program = biased(r);
            if (mode == 9) {
                kind = "mutated";
                for (int flips = 1 + r.nextInt(4); flips > 0; flips--) {
                    program[r.nextInt(program.length)] = (byte) r.nextInt(256);
                }
            }
        }
        byte[] calldata = new byte[r.nextInt(4) == 0 ? 0 : r.nextInt(97)];
        for (int k = 0; k < calldata.length; k++) {
            calldata[k] = (byte) (r.nextInt(3) == 0 ? 0 : r.nextInt(256));
        }
        boolean creation = r.nextInt(10) == 0;
        long value = switch (r.nextInt(6)) {
            case 0 -> 1 + r.nextInt(1000);
            case 1 -> 1_000_000;
            default -> 0;
        };
        // log-uniform between 100k and 1M, then at least enough for the intrinsic cost and the floor
        long gasLimit = (long) (100_000 * Math.pow(10, r.nextDouble()));
        byte[] data = creation ? program : calldata;
        gasLimit = Math.max(gasLimit, 21_000 + 32_000 + 40L * data.length + 2L * data.length + 10_000);
        return new Case(index, kind, fork, program, calldata, gasLimit, value, creation);
    }

    /** A program of mostly valid instructions with prepared arguments, jumps and calls. */
    private static byte[] biased(SplittableRandom r) {
        Asm asm = Asm.code();
        List<Integer> jumpdests = new ArrayList<>();
        List<Integer> patches = new ArrayList<>();
        int count = 1 + r.nextInt(r.nextBoolean() ? 12 : 60);
        for (int n = 0; n < count; n++) {
            int choice = r.nextInt(100);
            if (choice < 20) {
                pushValue(asm, r);
            } else if (choice < 50) {
                int op = DEFINED[r.nextInt(DEFINED.length)];
                OpcodeInfo info = Opcodes.info(op);
                if (info.immediateBytes() > 0) {
                    pushValue(asm, r);
                    continue;
                }
                if (r.nextInt(10) < 7) {
                    for (int k = 0; k < info.stackIn(); k++) {
                        pushArgument(asm, r);
                    }
                }
                asm.op(op);
            } else if (choice < 60) {
                // a jump to a destination chosen once the code is complete
                if (r.nextBoolean()) {
                    pushArgument(asm, r); // JUMPI's condition
                    patches.add(asm.pc());
                    asm.pushN(2, BigInteger.ZERO).op(JUMPI);
                } else {
                    patches.add(asm.pc());
                    asm.pushN(2, BigInteger.ZERO).op(JUMP);
                }
            } else if (choice < 66) {
                jumpdests.add(asm.pc());
                asm.op(JUMPDEST);
            } else if (choice < 80) {
                call(asm, r);
            } else if (choice < 86) {
                create(asm, r);
            } else if (choice < 89) {
                asm.push(ADDRESSES.get(r.nextInt(ADDRESSES.size()))).op(SELFDESTRUCT);
            } else if (choice < 94) {
                asm.push(smallLength(r)).push(smallLength(r)).op(r.nextBoolean() ? RETURN : REVERT);
            } else if (choice < 97) {
                // storage and transient storage on a few keys
                asm.push(r.nextInt(4)).push(r.nextInt(4)).op(r.nextBoolean() ? SSTORE : TSTORE);
            } else {
                asm.push(r.nextInt(4)).op(r.nextBoolean() ? SLOAD : TLOAD);
            }
        }
        byte[] code = asm.bytes();
        for (int at : patches) {
            int target;
            int pick = r.nextInt(10);
            if (pick < 7 && !jumpdests.isEmpty()) {
                target = jumpdests.get(r.nextInt(jumpdests.size()));
            } else if (pick < 9) {
                target = r.nextInt(code.length + 2);
            } else {
                target = 0xffff;
            }
            code[at + 1] = (byte) (target >>> 8);
            code[at + 2] = (byte) target;
        }
        return code;
    }

    private static void pushValue(Asm asm, SplittableRandom r) {
        if (r.nextInt(8) == 0) {
            asm.op(PUSH0);
            return;
        }
        int width = 1 + r.nextInt(32);
        BigInteger value = switch (r.nextInt(4)) {
            case 0 -> EDGES[r.nextInt(EDGES.length)];
            case 1 -> ADDRESSES.get(r.nextInt(ADDRESSES.size())).toWord().toBigInteger();
            default -> new BigInteger(8 * width, new java.util.Random(r.nextLong()));
        };
        asm.pushN(width, value);
    }

    /** An argument: mostly small offsets and lengths, sometimes an address, an edge or any word. */
    private static void pushArgument(Asm asm, SplittableRandom r) {
        int pick = r.nextInt(20);
        if (pick < 8) {
            asm.push(r.nextInt(65));
        } else if (pick < 11) {
            asm.push(32L * r.nextInt(128));
        } else if (pick < 14) {
            asm.push(ADDRESSES.get(r.nextInt(ADDRESSES.size())));
        } else if (pick < 17) {
            asm.push(EDGES[r.nextInt(EDGES.length)]);
        } else if (pick < 18) {
            asm.op(GAS);
        } else {
            asm.push(new BigInteger(256, new java.util.Random(r.nextLong())));
        }
    }

    private static long smallLength(SplittableRandom r) {
        return r.nextInt(5) == 0 ? 0 : r.nextInt(100);
    }

    private static void call(Asm asm, SplittableRandom r) {
        int op = switch (r.nextInt(4)) {
            case 0 -> CALLCODE;
            case 1 -> DELEGATECALL;
            case 2 -> STATICCALL;
            default -> CALL;
        };
        if (r.nextInt(3) == 0) {
            // calldata for the callee: two words at memory 0
            asm.push(new BigInteger(256, new java.util.Random(r.nextLong())).shiftRight(r.nextInt(256))).op(PUSH0,
                    MSTORE);
            asm.push(r.nextInt(4)).push(32).op(MSTORE);
        }
        asm.push(smallLength(r)).push(smallLength(r)).push(r.nextInt(3) == 0 ? 0 : 64).push(0);
        if (op == CALL || op == CALLCODE) {
            switch (r.nextInt(6)) {
                case 0 -> asm.push(1 + r.nextInt(100));
                case 1 -> asm.push(EDGES[r.nextInt(EDGES.length)]);
                default -> asm.op(PUSH0);
            }
        }
        asm.push(ADDRESSES.get(r.nextInt(ADDRESSES.size())));
        switch (r.nextInt(5)) {
            case 0 -> asm.push(r.nextInt(30_000));
            case 1 -> asm.push(MAX);
            default -> asm.op(GAS);
        }
        asm.op(op);
    }

    private static void create(Asm asm, SplittableRandom r) {
        byte[] initcode;
        switch (r.nextInt(5)) {
            case 0, 1 -> {
                // returns a runtime of up to ten bytes (0xef first now and then)
                byte[] runtime = new byte[10];
                for (int k = 0; k < runtime.length; k++) {
                    runtime[k] = (byte) r.nextInt(256);
                }
                if (r.nextInt(4) == 0) {
                    runtime[0] = (byte) 0xef;
                }
                int length = r.nextInt(11);
                initcode = Asm.code().pushN(10, new BigInteger(1, runtime)).op(PUSH0, MSTORE).push(length)
                        .push(32 - 10).op(RETURN).bytes();
            }
            case 2 -> initcode = Asm.of(PUSH0, PUSH0, REVERT);
            case 3 -> initcode = Asm.code().push(ADDRESSES.get(r.nextInt(ADDRESSES.size()))).op(SELFDESTRUCT).bytes();
            default -> {
                initcode = new byte[1 + r.nextInt(32)];
                for (int k = 0; k < initcode.length; k++) {
                    initcode[k] = (byte) r.nextInt(256);
                }
            }
        }
        byte[] word = Arrays.copyOf(initcode, 32);
        asm.pushN(32, new BigInteger(1, word)).op(PUSH0, MSTORE);
        boolean two = r.nextBoolean();
        if (two) {
            asm.push(r.nextInt(3)); // a small salt: repeats collide
        }
        asm.push(Math.min(32, initcode.length)).op(PUSH0);
        if (r.nextInt(4) == 0) {
            asm.push(1 + r.nextInt(1000));
        } else {
            asm.op(PUSH0);
        }
        asm.op(two ? CREATE2 : CREATE);
    }

    private static int[] definedOpcodes() {
        List<Integer> ops = new ArrayList<>();
        for (int op = 0; op < 256; op++) {
            if (Opcodes.info(op) != null) {
                ops.add(op);
            }
        }
        return ops.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String stackTrace(Throwable t) {
        StringBuilder sb = new StringBuilder(t.toString());
        StackTraceElement[] trace = t.getStackTrace();
        for (int k = 0; k < Math.min(8, trace.length); k++) {
            sb.append("\n      at ").append(trace[k]);
        }
        return sb.toString();
    }
}
