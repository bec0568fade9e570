package io.evmsim.evm.interpreter;

import static io.evmsim.evm.interpreter.TestChain.CONTRACT;
import static io.evmsim.evm.interpreter.TestChain.COINBASE;
import static io.evmsim.evm.interpreter.TestChain.OTHER;
import static io.evmsim.evm.interpreter.TestChain.SENDER;
import static io.evmsim.evm.interpreter.TestChain.THIRD;
import static io.evmsim.evm.opcode.Opcodes.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.fork.Fork;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.state.Code;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.trace.ExecutionTracer;
import io.evmsim.evm.transaction.AccessListEntry;
import io.evmsim.evm.transaction.InvalidReason;
import io.evmsim.evm.transaction.TransactionResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Small programs run as transactions through the whole pipeline, asserting the exact gas they use
 * and what they compute. "Execution gas" is {@code GasBreakdown.execution()}: everything the
 * transaction used before the refund, minus the intrinsic cost.
 */
class InterpreterGasTest {
    private static final long TX = 21_000;
    private static final long LIMIT = 1_000_000;
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    private static final BigInteger TWO_32 = BigInteger.ONE.shiftLeft(32);
    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private static long memoryCost(long words) {
        return 3 * words + words * words / 512;
    }

    private static long words(long bytes) {
        return (bytes + 31) / 32;
    }

    private static BigInteger word(TransactionResult result) {
        assertEquals(32, result.output().length, "a one-word output");
        return new BigInteger(1, result.output());
    }

    private static void assertSuccess(TransactionResult result) {
        assertTrue(result.isValid(), () -> "rejected: " + result.invalid());
        assertNull(result.halt(), () -> "halted: " + result.halt());
        assertFalse(result.reverted(), "reverted");
    }

    /** An exceptional halt: the reason, and every unit of the gas limit consumed. */
    private static void assertHalt(HaltReason reason, TransactionResult result, long gasLimit) {
        assertTrue(result.isValid(), () -> "rejected: " + result.invalid());
        assertEquals(reason, result.halt());
        assertEquals(gasLimit, result.gasUsed(), "a halt consumes all gas");
        assertEquals(0, result.output().length);
    }

    private static TransactionResult runCode(Fork fork, byte[] code, long gasLimit) {
        TestChain chain = new TestChain(fork).contract(code);
        return chain.call(CONTRACT, gasLimit);
    }

    // ---- EXP ----------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Fork.class)
    void expChargesFiftyPerExponentByte(Fork fork) {
        Object[][] cases = {
            {BigInteger.ZERO, 0, BigInteger.ONE},
            {BigInteger.ONE, 1, BigInteger.valueOf(3)},
            {BigInteger.valueOf(0xff), 1, BigInteger.valueOf(3).pow(0xff)},
            {BigInteger.valueOf(0x100), 2, BigInteger.valueOf(3).pow(0x100)},
            {BigInteger.valueOf(0xffff), 2, BigInteger.valueOf(3).modPow(BigInteger.valueOf(0xffff),
                    MAX.add(BigInteger.ONE))},
            {TWO_64.subtract(BigInteger.ONE), 8, BigInteger.valueOf(3).modPow(TWO_64.subtract(BigInteger.ONE),
                    MAX.add(BigInteger.ONE))},
            {TWO_64, 9, BigInteger.valueOf(3).modPow(TWO_64, MAX.add(BigInteger.ONE))},
            {BigInteger.ONE.shiftLeft(255), 32, BigInteger.valueOf(3).modPow(BigInteger.ONE.shiftLeft(255),
                    MAX.add(BigInteger.ONE))},
            {MAX, 32, BigInteger.valueOf(3).modPow(MAX, MAX.add(BigInteger.ONE))},
        };
        for (Object[] c : cases) {
            BigInteger exponent = (BigInteger) c[0];
            int bytes = (Integer) c[1];
            BigInteger expected = ((BigInteger) c[2]).mod(MAX.add(BigInteger.ONE));
            byte[] code = Asm.code().push(exponent).push(3).op(EXP).returnTop().bytes();
            // PUSH, PUSH, EXP, then PUSH0 MSTORE(3 + 3 memory) PUSH1 PUSH0 RETURN
            long exec = 3 + 3 + (10 + 50L * bytes) + 2 + 6 + 3 + 2;
            TransactionResult result = runCode(fork, code, LIMIT);
            assertSuccess(result);
            assertEquals(expected, word(result), "3 ** 0x" + exponent.toString(16));
            assertEquals(exec, result.gas().execution(), "execution gas of 3 ** 0x" + exponent.toString(16));
            assertEquals(TX + exec, result.gasUsed());

            // exactly enough gas succeeds, one less halts out of gas
            assertSuccess(runCode(fork, code, TX + exec));
            assertHalt(HaltReason.OUT_OF_GAS, runCode(fork, code, TX + exec - 1), TX + exec - 1);
        }
    }

    @Test
    void expOfZeroToTheZeroAndTwoToThe255() {
        TransactionResult zero = runCode(Fork.PRAGUE, Asm.code().push(0).push(0).op(EXP).returnTop().bytes(), LIMIT);
        assertEquals(BigInteger.ONE, word(zero));
        TransactionResult big = runCode(Fork.PRAGUE, Asm.code().push(255).push(2).op(EXP).returnTop().bytes(), LIMIT);
        assertEquals(BigInteger.ONE.shiftLeft(255), word(big));
        assertEquals(3 + 3 + 10 + 50 + 13, big.gas().execution());
    }

    // ---- memory expansion ---------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Fork.class)
    void memoryExpansionCostsThreePerWordPlusSquareOver512(Fork fork) {
        assertEquals(3, memoryCost(1));
        assertEquals(4953, memoryCost(1000));
        assertEquals(5120, memoryCost(1024));
        for (long offset : new long[] {0, 1, 31, 32, 33, 992, 1000, 4096, 0x10000, 100_000, 1 << 20}) {
            byte[] code = Asm.code().push(0x2a).push(offset).op(MSTORE).op(MSIZE).returnTop().bytes();
            long w = words(offset + 32);
            long msizeWords = w;
            long exec = 3 + 3 + 3 + memoryCost(w) + 2 + 2 + 3 + 3 + 2;
            // the final PUSH0 MSTORE writes at 0: no further expansion
            TransactionResult result = runCode(fork, code, 4_000_000);
            assertSuccess(result);
            assertEquals(BigInteger.valueOf(msizeWords * 32), word(result), "MSIZE after MSTORE at " + offset);
            assertEquals(exec, result.gas().execution(), "MSTORE at " + offset);
        }
    }

    @Test
    void memoryGrowsInStepsPayingTheDifference() {
        // MSTORE8 at 100 (4 words), MLOAD at 1000 (33 words), MSTORE at 0 (no growth), CALLDATACOPY 64 bytes at 3000
        byte[] code = Asm.code()
                .push(0xff).push(100).op(MSTORE8)
                .push(1000).op(MLOAD, POP)
                .push(1).push(0).op(MSTORE)
                .push(64).push(0).push(3000).op(CALLDATACOPY)
                .op(MSIZE).returnTop().bytes();
        long exec = 3 + 3 + 3 + memoryCost(4)
                + 3 + 3 + (memoryCost(33) - memoryCost(4)) + 2
                + 3 + 3 + 3
                + 3 + 3 + 3 + 3 + 3 * 2 + (memoryCost(words(3064)) - memoryCost(33))
                + 2 + 2 + 3 + 3 + 2;
        TransactionResult result = runCode(Fork.CANCUN, code, LIMIT);
        assertSuccess(result);
        assertEquals(BigInteger.valueOf(words(3064) * 32), word(result));
        assertEquals(exec, result.gas().execution());
    }

    /** Offsets whose memory no gas limit can pay for: near 2^32, 2^63, 2^64 and beyond. */
    private static final List<BigInteger> HUGE = List.of(
            BigInteger.valueOf(Integer.MAX_VALUE - 100), BigInteger.valueOf(Integer.MAX_VALUE),
            TWO_32.subtract(BigInteger.valueOf(32)), TWO_32.subtract(BigInteger.ONE), TWO_32, TWO_32.add(BigInteger.ONE),
            TWO_63.subtract(BigInteger.valueOf(32)), TWO_63.subtract(BigInteger.ONE), TWO_63, TWO_63.add(BigInteger.ONE),
            TWO_64.subtract(BigInteger.valueOf(32)), TWO_64.subtract(BigInteger.ONE), TWO_64, TWO_64.add(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(128), BigInteger.ONE.shiftLeft(255), MAX.subtract(BigInteger.valueOf(31)), MAX);

    /** Programs touching memory at {@code o} (or reading {@code o} bytes), each expected to run out of gas. */
    private static List<byte[]> hugeMemoryPrograms(BigInteger o) {
        List<byte[]> programs = new ArrayList<>();
        programs.add(Asm.code().push(1).push(o).op(MSTORE).bytes());
        programs.add(Asm.code().push(o).op(MLOAD).bytes());
        programs.add(Asm.code().push(1).push(o).op(MSTORE8).bytes());
        programs.add(Asm.code().push(32).push(0).push(o).op(CALLDATACOPY).bytes());
        programs.add(Asm.code().push(o).push(0).push(0).op(CALLDATACOPY).bytes()); // huge length
        programs.add(Asm.code().push(32).push(0).push(o).op(CODECOPY).bytes());
        programs.add(Asm.code().push(o).push(0).push(0).op(CODECOPY).bytes());
        programs.add(Asm.code().push(32).push(0).push(o).push(SENDER).op(EXTCODECOPY).bytes());
        programs.add(Asm.code().push(32).push(o).op(RETURN).bytes());
        programs.add(Asm.code().push(o).push(0).op(RETURN).bytes());
        programs.add(Asm.code().push(32).push(o).op(REVERT).bytes());
        programs.add(Asm.code().push(32).push(o).op(KECCAK256).bytes());
        programs.add(Asm.code().push(o).push(0).op(KECCAK256).bytes());
        programs.add(Asm.code().push(32).push(o).op(LOG0).bytes());
        programs.add(Asm.code().push(o).push(0).op(LOG0).bytes());
        programs.add(Asm.code().push(32).push(0).push(o).op(MCOPY).bytes());
        programs.add(Asm.code().push(32).push(o).push(0).op(MCOPY).bytes());
        programs.add(Asm.code().push(o).push(0).push(0).op(MCOPY).bytes());
        // CALL: outLen outOff inLen inOff value addr gas
        programs.add(Asm.code().push(0).push(0).push(32).push(o).push(0).push(OTHER).op(GAS, CALL).bytes());
        programs.add(Asm.code().push(32).push(o).push(0).push(0).push(0).push(OTHER).op(GAS, CALL).bytes());
        programs.add(Asm.code().push(0).push(0).push(o).push(0).push(OTHER).op(GAS, STATICCALL).bytes());
        programs.add(Asm.code().push(o).push(0).push(0).push(0).push(OTHER).op(GAS, DELEGATECALL).bytes());
        // CREATE with initcode at a huge offset (length 32 stays under the initcode limit)
        programs.add(Asm.code().push(32).push(o).push(0).op(CREATE).bytes());
        programs.add(Asm.code().push(0).push(32).push(o).push(0).op(CREATE2).bytes());
        return programs;
    }

    @ParameterizedTest
    @EnumSource(Fork.class)
    void hugeMemoryOffsetsHaltOutOfGasConsumingEverything(Fork fork) {
        for (BigInteger offset : HUGE) {
            List<byte[]> programs = hugeMemoryPrograms(offset);
            for (int p = 0; p < programs.size(); p++) {
                byte[] code = programs.get(p);
                TestChain chain = new TestChain(fork).contract(code).account(OTHER, 0, Asm.of(STOP));
                TransactionResult result = chain.call(CONTRACT, LIMIT);
                String what = "program " + p + " at offset 0x" + offset.toString(16) + ": " + hex(code);
                assertTrue(result.isValid(), what);
                assertEquals(HaltReason.OUT_OF_GAS, result.halt(), what);
                assertEquals(LIMIT, result.gasUsed(), what);
            }
        }
    }

    @Test
    void zeroLengthAccessesAtHugeOffsetsCostNoMemory() {
        for (BigInteger o : HUGE) {
            // RETURN(o, 0) returns nothing
            TransactionResult ret = runCode(Fork.OSAKA, Asm.code().push(0).push(o).op(RETURN).bytes(), LIMIT);
            assertSuccess(ret);
            assertEquals(6, ret.gas().execution());
            // KECCAK256(o, 0) is the empty hash for 30 gas
            TransactionResult hash = runCode(Fork.OSAKA, Asm.code().push(0).push(o).op(KECCAK256).returnTop().bytes(),
                    LIMIT);
            assertSuccess(hash);
            assertEquals(new BigInteger("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", 16),
                    word(hash));
            assertEquals(3 + 3 + 30 + 13, hash.gas().execution());
            // the copies with length zero, then MSIZE is still zero
            byte[] copies = Asm.code()
                    .push(0).push(o).push(o).op(CALLDATACOPY)
                    .push(0).push(o).push(o).op(CODECOPY)
                    .push(0).push(o).push(o).op(MCOPY)
                    .push(0).push(o).push(o).push(SENDER).op(EXTCODECOPY)
                    .push(0).push(o).op(LOG0)
                    .op(MSIZE).push(0).op(MSTORE8) // MSIZE must be 0 here: store it at 0
                    .push(0).op(MLOAD).push(248).op(SHR).returnTop().bytes();
            TransactionResult result = runCode(Fork.OSAKA, copies, LIMIT);
            assertSuccess(result);
            assertEquals(BigInteger.ZERO, word(result), "no memory after zero-length accesses at " + o);
            long exec = (9 + 3) + (9 + 3) + (9 + 3) // CALLDATACOPY, CODECOPY, MCOPY
                    + (12 + 100) // EXTCODECOPY of the (warm) sender
                    + (6 + 375) // LOG0
                    + 2 + 3 + (3 + 3) // MSIZE PUSH1 MSTORE8, one word of memory
                    + 3 + 3 + 3 + 3 // PUSH1 MLOAD PUSH1 SHR
                    + 10; // PUSH0 MSTORE PUSH1 PUSH0 RETURN, memory already there
            assertEquals(exec, result.gas().execution());
        }
    }

    // ---- SSTORE (EIP-2200, EIP-2929, EIP-3529) -----------------------------------------------------

    /** The EIP-3529 test table: code, execution gas (slot warm), refund, original value. */
    private static final Object[][] SSTORE_CASES = {
        {"60006000556000600055", 212, 0, 0},
        {"60006000556001600055", 20112, 0, 0},
        {"60016000556000600055", 20112, 19900, 0},
        {"60016000556002600055", 20112, 0, 0},
        {"60016000556001600055", 20112, 0, 0},
        {"60006000556000600055", 3012, 4800, 1},
        {"60006000556001600055", 3012, 2800, 1},
        {"60006000556002600055", 3012, 0, 1},
        {"60026000556000600055", 3012, 4800, 1},
        {"60026000556003600055", 3012, 0, 1},
        {"60026000556001600055", 3012, 2800, 1},
        {"60026000556002600055", 3012, 0, 1},
        {"60016000556000600055", 3012, 4800, 1},
        {"60016000556002600055", 3012, 0, 1},
        {"60016000556001600055", 212, 0, 1},
        {"600160005560006000556001600055", 40118, 19900, 0},
        {"600060005560016000556000600055", 5918, 7600, 1},
    };

    @ParameterizedTest
    @EnumSource(Fork.class)
    void sstoreGasAndRefundTable(Fork fork) {
        for (Object[] c : SSTORE_CASES) {
            byte[] code = io.evmsim.common.bytes.Hex.decode((String) c[0]);
            long exec = (Integer) c[1];
            long refund = (Integer) c[2];
            long original = (Integer) c[3];
            String what = c[0] + " over " + original;
            Map<UInt256, UInt256> storage = Map.of(UInt256.ZERO, UInt256.valueOf(original));

            // the slot warmed by the access list, as the table assumes
            TestChain warm = new TestChain(fork).account(CONTRACT, 0, code, storage);
            List<AccessListEntry> list = List.of(new AccessListEntry(CONTRACT, List.of(UInt256.ZERO)));
            TransactionResult result = warm.call(CONTRACT, LIMIT, 0, new byte[0], list, null);
            assertSuccess(result);
            long intrinsic = TX + 2400 + 1900;
            assertEquals(exec, result.gas().execution(), what);
            long used = intrinsic + exec;
            long granted = Math.min(refund, used / 5);
            assertEquals(granted, result.gas().refund(), what);
            assertEquals(used - granted, result.gasUsed(), what);

            // a cold slot costs 2100 more on its first access, the refund is the same
            TestChain cold = new TestChain(fork).account(CONTRACT, 0, code, storage);
            TransactionResult coldResult = cold.call(CONTRACT, LIMIT);
            assertSuccess(coldResult);
            assertEquals(exec + 2100, coldResult.gas().execution(), what + " (cold)");
            long coldUsed = TX + exec + 2100;
            assertEquals(coldUsed - Math.min(refund, coldUsed / 5), coldResult.gasUsed(), what + " (cold)");
        }
    }

    @Test
    void sstoreZeroToOneToZeroRefunds19900() {
        // 0 -> 1 -> 0 in one transaction; calldata makes the transaction big enough that the cap does not bite
        byte[] code = Asm.code().push(1).push(0).op(SSTORE).push(0).push(0).op(SSTORE).bytes();
        TestChain chain = new TestChain(Fork.CANCUN).contract(code);
        byte[] data = new byte[5000];
        Arrays.fill(data, (byte) 1);
        TransactionResult result = chain.call(CONTRACT, LIMIT, data);
        assertSuccess(result);
        long exec = 3 + 3 + 22_100 + 3 + 3 + 100;
        assertEquals(exec, result.gas().execution());
        assertEquals(19_900, result.gas().refund());
        assertEquals(TX + 16 * 5000 + exec - 19_900, result.gasUsed());
        assertEquals(UInt256.ZERO, chain.storage(CONTRACT, 0));
    }

    @Test
    void sstoreFailsWithOnlyTheStipendLeft() {
        // a no-op store on a warm slot costs 100, but EIP-2200 refuses any SSTORE with 2300 gas or less left
        byte[] code = Asm.code().push(0).push(0).op(SSTORE).bytes();
        List<AccessListEntry> list = List.of(new AccessListEntry(CONTRACT, List.of(UInt256.ZERO)));
        long intrinsic = TX + 2400 + 1900;
        TestChain enough = new TestChain(Fork.PRAGUE).contract(code);
        TransactionResult ok = enough.call(CONTRACT, intrinsic + 6 + 2301, 0, new byte[0], list, null);
        assertSuccess(ok);
        assertEquals(106, ok.gas().execution());
        TestChain tight = new TestChain(Fork.PRAGUE).contract(code);
        long limit = intrinsic + 6 + 2300;
        assertHalt(HaltReason.OUT_OF_GAS, tight.call(CONTRACT, limit, 0, new byte[0], list, null), limit);
    }

    @ParameterizedTest
    @EnumSource(Fork.class)
    void refundIsCappedAtAFifthOfGasUsed(Fork fork) {
        Map<UInt256, UInt256> storage = new java.util.HashMap<>();
        Asm asm = Asm.code();
        for (int k = 1; k <= 5; k++) {
            storage.put(UInt256.valueOf(k), UInt256.ONE);
            asm.op(PUSH0).push(k).op(SSTORE);
        }
        TestChain chain = new TestChain(fork).account(CONTRACT, 0, asm.bytes(), storage);
        TransactionResult result = chain.call(CONTRACT, LIMIT);
        assertSuccess(result);
        long exec = 5 * (2 + 3 + 2100 + 2900);
        assertEquals(exec, result.gas().execution());
        long used = TX + exec;
        assertEquals(used / 5, result.gas().refund(), "5 * 4800 capped at used / 5");
        assertEquals(used - used / 5, result.gasUsed());

        // one cleared slot: 4800 is below the cap and granted whole
        TestChain single = new TestChain(fork).account(CONTRACT, 0, Asm.code().op(PUSH0).push(1).op(SSTORE).bytes(),
                Map.of(UInt256.ONE, UInt256.ONE));
        TransactionResult one = single.call(CONTRACT, LIMIT);
        assertEquals(4800, one.gas().refund());
        assertEquals(TX + 5005 - 4800, one.gasUsed());

        // a reverted frame takes its refund with it
        TestChain reverted = new TestChain(fork).account(CONTRACT, 0,
                Asm.code().op(PUSH0).push(1).op(SSTORE, PUSH0, PUSH0, REVERT).bytes(), Map.of(UInt256.ONE, UInt256.ONE));
        TransactionResult rev = reverted.call(CONTRACT, LIMIT);
        assertTrue(rev.reverted());
        assertEquals(0, rev.gas().refund());
        assertEquals(TX + 5005 + 4, rev.gasUsed());
        assertEquals(UInt256.ONE, reverted.storage(CONTRACT, 1));
    }

    // ---- EIP-2929 access costs ----------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Fork.class)
    void coldThenWarmStorageAndAccountAccess(Fork fork) {
        byte[] code = Asm.code()
                .push(7).op(SLOAD).push(7).op(SLOAD).op(ADD)
                .push(OTHER).op(BALANCE).push(OTHER).op(BALANCE).op(ADD, ADD)
                .push(THIRD).op(EXTCODESIZE).push(THIRD).op(EXTCODEHASH).op(POP, POP)
                .push(CONTRACT).op(BALANCE, POP) // the recipient is warm
                .push(SENDER).op(BALANCE, POP) // so is the sender
                .push(COINBASE).op(BALANCE, POP) // and the coinbase (EIP-3651)
                .returnTop().bytes();
        TestChain chain = new TestChain(fork).account(CONTRACT, 0, code, Map.of(UInt256.valueOf(7), UInt256.valueOf(20)));
        chain.account(OTHER, 1, new byte[0]);
        chain.account(THIRD, 0, Asm.of(STOP));
        TransactionResult result = chain.call(CONTRACT, LIMIT);
        assertSuccess(result);
        assertEquals(BigInteger.valueOf(42), word(result));
        long exec = (3 + 2100) + (3 + 100) + 3
                + (3 + 2600) + (3 + 100) + 3 + 3
                + (3 + 2600) + (3 + 100) + 2 + 2
                + 3 + 100 + 2
                + 3 + 100 + 2
                + 3 + 100 + 2
                + 13;
        assertEquals(exec, result.gas().execution());
    }

    @Test
    void accessListWarmsAddressesAndSlots() {
        TestChain chain = new TestChain(Fork.PRAGUE).contract(Asm.code()
                .push(7).op(SLOAD).push(8).op(SLOAD).op(POP, POP)
                .push(OTHER).op(BALANCE, POP).op(STOP).bytes());
        List<AccessListEntry> list = List.of(new AccessListEntry(CONTRACT, List.of(UInt256.valueOf(7))),
                new AccessListEntry(OTHER, List.of()));
        TransactionResult result = chain.call(CONTRACT, LIMIT, 0, new byte[0], list, null);
        assertSuccess(result);
        assertEquals(TX + 2 * 2400 + 1900, result.gas().intrinsic());
        assertEquals((3 + 100) + (3 + 2100) + 4 + (3 + 100) + 2, result.gas().execution());
    }

    // ---- CALL ---------------------------------------------------------------------------------------

    /** Pushes CALL's seven arguments and calls: gas on top, then address, value, in and out ranges. */
    private static Asm call(Asm asm, int op, BigInteger gas, Address to, long value, long inOffset, long inLength,
            long outOffset, long outLength) {
        asm.push(outLength).push(outOffset).push(inLength).push(inOffset);
        if (op == CALL || op == CALLCODE) {
            asm.push(value);
        }
        return asm.push(to).push(gas).op(op);
    }

    /** Returns the gas left when it starts: GAS PUSH0 MSTORE PUSH1 32 PUSH0 RETURN, 15 gas in all. */
    private static final byte[] GAS_REPORTER = Asm.code().op(GAS).returnTop().bytes();

    @ParameterizedTest
    @EnumSource(Fork.class)
    void callWithValueGivesTheCalleeTheStipend(Fork fork) {
        byte[] caller = call(Asm.code(), CALL, BigInteger.ZERO, OTHER, 1, 0, 0, 0, 32)
                .op(POP).push(32).push(0).op(RETURN).bytes();
        TestChain chain = new TestChain(fork).account(CONTRACT, 1_000, caller).account(OTHER, 0, GAS_REPORTER);
        TransactionResult result = chain.call(CONTRACT, LIMIT);
        assertSuccess(result);
        assertEquals(BigInteger.valueOf(2300 - 2), word(result), "the callee starts with the 2300 stipend");
        // 7 pushes (21) + memory (3) + cold (2600) + value (9000) - 2285 returned + POP + 3 + 3 + 0
        long exec = 21 + 3 + 2600 + 9000 - (2300 - 15) + 2 + 6;
        assertEquals(exec, result.gas().execution());
        assertEquals(UInt256.ONE, chain.balance(OTHER));
        assertEquals(UInt256.valueOf(999), chain.balance(CONTRACT));
    }

    @Test
    void callWithValueToAnEmptyAccountPaysForTheNewAccount() {
        Address fresh = Address.fromHex("0x00000000000000000000000000000000000f2e54");
        byte[] caller = call(Asm.code(), CALL, BigInteger.ZERO, fresh, 1, 0, 0, 0, 0).returnTop().bytes();
        TestChain chain = new TestChain(Fork.CANCUN).account(CONTRACT, 1_000, caller);
        TransactionResult result = chain.call(CONTRACT, LIMIT);
        assertSuccess(result);
        assertEquals(BigInteger.ONE, word(result));
        long exec = 21 + 2600 + 9000 + 25_000 - 2300 + 13;
        assertEquals(exec, result.gas().execution());
        assertEquals(UInt256.ONE, chain.balance(fresh));
    }

    @Test
    void callWithValueBeyondTheBalanceFailsAndReturnsTheGas() {
        byte[] caller = call(Asm.code(), CALL, BigInteger.valueOf(50_000), OTHER, 1, 0, 0, 0, 0).returnTop().bytes();
        TestChain chain = new TestChain(Fork.PRAGUE).account(CONTRACT, 0, caller).account(OTHER, 0, GAS_REPORTER);
        TransactionResult result = chain.call(CONTRACT, LIMIT);
        assertSuccess(result);
        assertEquals(BigInteger.ZERO, word(result), "the call fails");
        // the passed gas and the stipend come back whole
        assertEquals(21 + 2600 + 9000 - 2300 + 13, result.gas().execution());
    }

    @ParameterizedTest
    @EnumSource(Fork.class)
    void callPassesAtMostAllButOne64th(Fork fork) {
        byte[] caller = call(Asm.code(), CALL, MAX, OTHER, 0, 0, 0, 0, 32).op(POP).push(32).push(0).op(RETURN).bytes();
        TestChain chain = new TestChain(fork).contract(caller).account(OTHER, 0, GAS_REPORTER);
        TransactionResult result = chain.call(CONTRACT, LIMIT);
        assertSuccess(result);
        long atCall = LIMIT - TX - 21;
        long afterCharge = atCall - 3 - 2600;
        long passed = afterCharge - afterCharge / 64;
        assertEquals(BigInteger.valueOf(passed - 2), word(result));
        assertEquals(21 + 3 + 2600 + 15 + 2 + 6, result.gas().execution());

        // a smaller request is passed exactly
        byte[] modest = call(Asm.code(), CALL, BigInteger.valueOf(5000), OTHER, 0, 0, 0, 0, 32).op(POP).push(32)
                .push(0).op(RETURN).bytes();
        TestChain second = new TestChain(fork).contract(modest).account(OTHER, 0, GAS_REPORTER);
        assertEquals(BigInteger.valueOf(4998), word(second.call(CONTRACT, LIMIT)));
    }

    @Test
    void callsFromTheDeepestFrameFailWithoutConsumingTheirGas() {
        // run the caller directly as a frame at depth 1023 (may call) and 1024 (may not)
        byte[] caller = Asm.code().push(32).push(0).push(0).push(0).push(0).push(OTHER).push(10_000).op(CALL)
                .op(GAS).push(32).op(MSTORE).push(0).op(MSTORE).push(64).push(0).op(RETURN).bytes();
        for (int depth : new int[] {1023, 1024}) {
            TestChain chain = new TestChain(Fork.PRAGUE).contract(caller).account(OTHER, 0, GAS_REPORTER);
            JournaledState state = new JournaledState(chain.world, chain.codeCache);
            state.warmAccount(CONTRACT);
            Evm evm = new Evm(state, chain.block, new TransactionContext(SENDER, UInt256.valueOf(10), List.of()),
                    chain.rules, chain.rules.precompiles(), null);
            Message message = new Message(CallKind.CALL, SENDER, CONTRACT, CONTRACT, UInt256.ZERO, true, new byte[0],
                    Code.of(caller), 100_000, depth, false, true);
            FrameResult result = evm.call(message);
            assertTrue(result.isSuccess());
            BigInteger success = new BigInteger(1, Arrays.copyOfRange(result.output(), 0, 32));
            BigInteger gasAfter = new BigInteger(1, Arrays.copyOfRange(result.output(), 32, 64));
            long afterCharge = 100_000 - 21 - 3 - 2600;
            if (depth == 1023) {
                assertEquals(BigInteger.ONE, success);
                assertEquals(afterCharge - 15, gasAfter.longValue() + 2);
            } else {
                assertEquals(BigInteger.ZERO, success, "a call from depth 1024 fails");
                assertEquals(afterCharge, gasAfter.longValue() + 2, "and its gas comes back whole");
            }
        }
    }

    @Test
    void deepRecursionRunsUntilTheGasGivesOut() {
        // CONTRACT calls itself with all the gas it may pass, ignoring the result
        byte[] self = call(Asm.code(), CALL, MAX, CONTRACT, 0, 0, 0, 0, 0).op(STOP).bytes();
        int[] maxDepth = {0};
        ExecutionTracer tracer = new ExecutionTracer() {
            @Override
            public void onFrameStart(Message message) {
                maxDepth[0] = Math.max(maxDepth[0], message.depth());
            }
        };
        TestChain.onBigStack(() -> {
            TestChain chain = new TestChain(Fork.CANCUN).contract(self);
            TransactionResult result = chain.call(CONTRACT, 30_000_000, 0, new byte[0], List.of(), tracer);
            assertSuccess(result);
        });
        assertTrue(maxDepth[0] > 300 && maxDepth[0] <= 1024, "depth reached: " + maxDepth[0]);
    }

    // ---- RETURNDATACOPY -------------------------------------------------------------------------------

    /** STATICCALLs OTHER (which returns one word), then RETURNDATACOPY(0, offset, length); returns memory[0..32]. */
    private static byte[] returnDataCopy(BigInteger offset, BigInteger length) {
        return Asm.code()
                .push(0).push(0).push(0).push(0).push(OTHER).op(GAS, STATICCALL, POP)
                .push(length).push(offset).push(0).op(RETURNDATACOPY)
                .push(32).push(0).op(RETURN).bytes();
    }

    @ParameterizedTest
    @EnumSource(Fork.class)
    void returnDataCopyWithinBoundsCopies(Fork fork) {
        for (long[] c : new long[][] {{0, 32}, {0, 0}, {32, 0}, {1, 31}, {31, 1}, {0, 1}}) {
            TestChain chain = new TestChain(fork).contract(returnDataCopy(BigInteger.valueOf(c[0]),
                    BigInteger.valueOf(c[1]))).account(OTHER, 0, GAS_REPORTER);
            TransactionResult result = chain.call(CONTRACT, LIMIT);
            assertSuccess(result);
        }
    }

    @ParameterizedTest
    @EnumSource(Fork.class)
    void returnDataCopyOutOfBoundsHalts(Fork fork) {
        BigInteger[][] cases = {
            {BigInteger.ZERO, BigInteger.valueOf(33)},
            {BigInteger.ONE, BigInteger.valueOf(32)},
            {BigInteger.valueOf(32), BigInteger.ONE},
            {BigInteger.valueOf(33), BigInteger.ZERO},
            {BigInteger.valueOf(1000), BigInteger.ZERO},
            {TWO_64, BigInteger.ZERO},
            {TWO_64, BigInteger.ONE},
            {TWO_63.subtract(BigInteger.ONE), BigInteger.ONE},
            {TWO_63.subtract(BigInteger.TWO), BigInteger.TWO}, // offset + length overflows a long
            {TWO_63.subtract(BigInteger.valueOf(16)), BigInteger.valueOf(32)},
            {MAX, BigInteger.ZERO},
            {MAX, BigInteger.valueOf(32)},
        };
        for (BigInteger[] c : cases) {
            TestChain chain = new TestChain(fork).contract(returnDataCopy(c[0], c[1])).account(OTHER, 0, GAS_REPORTER);
            assertHalt(HaltReason.RETURN_DATA_OUT_OF_BOUNDS, chain.call(CONTRACT, LIMIT), LIMIT);
        }
        // with no call made the return data is empty: only (offset 0, length 0) is in bounds
        TestChain none = new TestChain(fork).contract(Asm.code().push(0).push(1).push(0).op(RETURNDATACOPY).bytes());
        assertHalt(HaltReason.RETURN_DATA_OUT_OF_BOUNDS, none.call(CONTRACT, LIMIT), LIMIT);
        TestChain empty = new TestChain(fork).contract(Asm.code().push(0).push(0).push(0).op(RETURNDATACOPY).bytes());
        assertSuccess(empty.call(CONTRACT, LIMIT));
    }

    // ---- jumps and the stack ------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Fork.class)
    void invalidJumpsHalt(Fork fork) {
        List<byte[]> programs = List.of(
                Asm.of(PUSH1, 3, JUMP, STOP, JUMPDEST), // 3 is STOP
                Asm.of(PUSH1, 4, JUMP, PUSH1, JUMPDEST, STOP), // 4 is PUSH data
                Asm.of(PUSH1, 100, JUMP), // past the end
                Asm.of(PUSH1, 3, JUMP), // exactly at the end
                Asm.code().push(MAX).op(JUMP, JUMPDEST).bytes(),
                Asm.code().push(TWO_64.add(BigInteger.valueOf(11))).op(JUMP, JUMPDEST).bytes(), // 11 is the JUMPDEST
                Asm.code().push(BigInteger.ONE.shiftLeft(255)).push(5).op(JUMPI).op(STOP).bytes(), // taken, to PUSH data
                Asm.code().push(1).push(MAX).op(JUMPI, JUMPDEST).bytes());
        for (byte[] code : programs) {
            assertHalt(HaltReason.INVALID_JUMP, runCode(fork, code, LIMIT), LIMIT);
        }
    }

    @Test
    void validJumpsAndUntakenBranches() {
        TransactionResult jump = runCode(Fork.PRAGUE, Asm.of(PUSH1, 4, JUMP, INVALID, JUMPDEST, STOP), LIMIT);
        assertSuccess(jump);
        assertEquals(3 + 8 + 1, jump.gas().execution());
        // JUMPI with a zero condition falls through even to an invalid destination
        TransactionResult untaken = runCode(Fork.PRAGUE, Asm.of(PUSH1, 0, PUSH1, 77, JUMPI, STOP), LIMIT);
        assertSuccess(untaken);
        assertEquals(3 + 3 + 10, untaken.gas().execution());
        // a JUMPDEST beyond the first 64 bytes
        Asm far = Asm.code().push(100).op(JUMP);
        while (far.pc() < 100) {
            far.op(INVALID);
        }
        far.op(JUMPDEST).push(9).returnTop();
        TransactionResult result = runCode(Fork.PRAGUE, far.bytes(), LIMIT);
        assertSuccess(result);
        assertEquals(BigInteger.valueOf(9), word(result));
    }

    @ParameterizedTest
    @EnumSource(Fork.class)
    void stackUnderflowHalts(Fork fork) {
        List<byte[]> programs = List.of(Asm.of(ADD), Asm.of(PUSH0, ADD), Asm.of(POP), Asm.of(PUSH0, SWAP1),
                Asm.of(PUSH0, DUP1 + 1), Asm.of(PUSH0, PUSH0, ADDMOD), Asm.of(PUSH0, PUSH0, PUSH0, PUSH0, PUSH0, PUSH0,
                        CALL), Asm.of(PUSH0, JUMP + 1), Asm.of(PUSH0, PUSH0, PUSH0, PUSH0, PUSH0, LOG4),
                Asm.of(PUSH0, RETURN), Asm.of(PUSH0, PUSH0, CREATE2), Asm.of(SELFDESTRUCT));
        for (byte[] code : programs) {
            assertHalt(HaltReason.STACK_UNDERFLOW, runCode(fork, code, LIMIT), LIMIT);
        }
        // an underflow halts before the instruction's gas is charged: still all gas is gone
        assertHalt(HaltReason.STACK_UNDERFLOW, runCode(fork, Asm.of(PUSH0, SWAP1 + 15), 21_010), 21_010);
    }

    @ParameterizedTest
    @EnumSource(Fork.class)
    void stackHoldsExactly1024Items(Fork fork) {
        byte[] full = new byte[1024];
        Arrays.fill(full, (byte) PUSH0);
        TransactionResult ok = runCode(fork, full, LIMIT);
        assertSuccess(ok);
        assertEquals(2048, ok.gas().execution());

        byte[] over = Arrays.copyOf(full, 1025);
        over[1024] = (byte) PUSH0;
        assertHalt(HaltReason.STACK_OVERFLOW, runCode(fork, over, LIMIT), LIMIT);

        byte[] dup = Arrays.copyOf(full, 1025);
        dup[1024] = (byte) DUP1;
        assertHalt(HaltReason.STACK_OVERFLOW, runCode(fork, dup, LIMIT), LIMIT);

        byte[] swap = Arrays.copyOf(full, 1025);
        swap[1024] = (byte) SWAP16;
        assertSuccess(runCode(fork, swap, LIMIT));

        byte[] dupAt1023 = Arrays.copyOf(full, 1024);
        dupAt1023[1023] = (byte) DUP16;
        assertSuccess(runCode(fork, dupAt1023, LIMIT));

        // a loop pushing forever overflows rather than running out of gas
        assertHalt(HaltReason.STACK_OVERFLOW, runCode(fork, Asm.of(JUMPDEST, PUSH0, PUSH1, 0, JUMP), LIMIT), LIMIT);
    }

    // ---- CLZ (EIP-7939) ---------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = Fork.class, names = {"CANCUN", "PRAGUE"})
    void clzIsAnInvalidOpcodeBeforeOsaka(Fork fork) {
        assertHalt(HaltReason.INVALID_OPCODE, runCode(fork, Asm.code().push(1).op(CLZ).returnTop().bytes(), LIMIT), LIMIT);
    }

    @Test
    void clzInOsaka() {
        Object[][] cases = {{BigInteger.ZERO, 256}, {BigInteger.ONE, 255}, {BigInteger.ONE.shiftLeft(255), 0},
            {MAX, 0}, {BigInteger.valueOf(0xff), 248}, {TWO_64, 191}};
        for (Object[] c : cases) {
            TransactionResult result = runCode(Fork.OSAKA, Asm.code().push((BigInteger) c[0]).op(CLZ).returnTop()
                    .bytes(), LIMIT);
            assertSuccess(result);
            assertEquals(BigInteger.valueOf((Integer) c[1]), word(result));
            assertEquals(3 + 5 + 13, result.gas().execution());
        }
    }

    // ---- transient storage (EIP-1153) ---------------------------------------------------------------------

    /**
     * OTHER's code by the calldata word: 0 stores 7 at transient slot 0 and reverts; 1 stores it and
     * stops; 2 returns transient slot 0.
     */
    private static byte[] transientStore() {
        Asm asm = Asm.code().push(0).op(CALLDATALOAD)
                .op(DUP1).push(1).op(EQ).push(0x30).op(JUMPI)
                .op(DUP1).push(2).op(EQ).push(0x40).op(JUMPI)
                .push(7).push(0).op(TSTORE).push(0).push(0).op(REVERT);
        while (asm.pc() < 0x30) {
            asm.op(INVALID);
        }
        asm.op(JUMPDEST).push(7).push(0).op(TSTORE, STOP);
        while (asm.pc() < 0x40) {
            asm.op(INVALID);
        }
        asm.op(JUMPDEST).push(0).op(TLOAD).returnTop();
        return asm.bytes();
    }

    /** Calls OTHER with mode {@code first}, then mode 2, and returns what the second call returned. */
    private static byte[] callTwice(int firstOp, long first) {
        Asm asm = Asm.code().push(first).push(0).op(MSTORE);
        call(asm, firstOp, BigInteger.valueOf(100_000), OTHER, 0, 0, 32, 0, 0);
        asm.push(0x40).op(MSTORE); // the result of the first call at 0x40
        asm.push(2).push(0).op(MSTORE);
        call(asm, CALL, BigInteger.valueOf(100_000), OTHER, 0, 0, 32, 0, 32).op(POP);
        return asm.push(32).push(0).op(RETURN).bytes();
    }

    @ParameterizedTest
    @EnumSource(Fork.class)
    void transientStorageRevertsWithTheFrame(Fork fork) {
        TestChain reverted = new TestChain(fork).contract(callTwice(CALL, 0)).account(OTHER, 0, transientStore());
        TransactionResult undone = reverted.call(CONTRACT, LIMIT);
        assertSuccess(undone);
        assertEquals(BigInteger.ZERO, word(undone), "the reverted TSTORE is undone");

        TestChain kept = new TestChain(fork).contract(callTwice(CALL, 1)).account(OTHER, 0, transientStore());
        TransactionResult stored = kept.call(CONTRACT, LIMIT);
        assertSuccess(stored);
        assertEquals(BigInteger.valueOf(7), word(stored), "a successful frame's TSTORE stays for the transaction");

        // but not beyond it: the next transaction reads zero
        byte[] read = new byte[32];
        read[31] = 2;
        TransactionResult next = kept.call(OTHER, LIMIT, read);
        assertSuccess(next);
        assertEquals(BigInteger.ZERO, word(next));

        // TSTORE in a static context halts the frame
        TestChain statik = new TestChain(fork).contract(callTwice(STATICCALL, 1)).account(OTHER, 0, transientStore());
        TransactionResult none = statik.call(CONTRACT, LIMIT);
        assertSuccess(none);
        assertEquals(BigInteger.ZERO, word(none));
    }

    @Test
    void transientStorageGas() {
        TransactionResult result = runCode(Fork.CANCUN, Asm.code().push(5).push(1).op(TSTORE).push(1).op(TLOAD)
                .returnTop().bytes(), LIMIT);
        assertSuccess(result);
        assertEquals(BigInteger.valueOf(5), word(result));
        assertEquals(3 + 3 + 100 + 3 + 100 + 13, result.gas().execution());
    }

    // ---- EIP-7623 calldata floor (Prague) ------------------------------------------------------------------

    @Test
    void calldataFloorAppliesFromPrague() {
        byte[] data = new byte[100];
        Arrays.fill(data, (byte) 0xaa);
        long intrinsic = TX + 16 * 100;
        long floor = TX + 10 * 4 * 100;
        for (Fork fork : Fork.values()) {
            TestChain chain = new TestChain(fork).account(OTHER, 0, new byte[0]);
            TransactionResult result = chain.call(OTHER, 100_000, data);
            assertSuccess(result);
            assertEquals(intrinsic, result.gas().intrinsic());
            if (fork == Fork.CANCUN) {
                assertEquals(intrinsic, result.gasUsed());
                assertFalse(result.gas().floorApplied());
            } else {
                assertEquals(floor, result.gas().floor());
                assertEquals(floor, result.gasUsed());
                assertTrue(result.gas().floorApplied());
            }
            // a gas limit below the floor is enough before Prague, invalid after
            TestChain tight = new TestChain(fork).account(OTHER, 0, new byte[0]);
            TransactionResult low = tight.call(OTHER, floor - 1, data);
            if (fork == Fork.CANCUN) {
                assertSuccess(low);
            } else {
                assertEquals(InvalidReason.FLOOR_GAS_TOO_LOW, low.invalid());
            }
        }
        // zero bytes are one token
        TestChain zeros = new TestChain(Fork.PRAGUE).account(OTHER, 0, new byte[0]);
        TransactionResult z = zeros.call(OTHER, 100_000, new byte[100]);
        assertEquals(TX + 4 * 100, z.gas().intrinsic());
        assertEquals(TX + 10 * 100, z.gasUsed());
    }

    @Test
    void calldataFloorComesAfterTheRefund() {
        byte[] data = new byte[100];
        Arrays.fill(data, (byte) 0xaa);
        byte[] code = Asm.code().op(PUSH0).push(1).op(SSTORE).bytes(); // clears slot 1: 5005 gas, 4800 refund
        long intrinsic = TX + 1600;
        long used = intrinsic + 5005;
        for (Fork fork : Fork.values()) {
            TestChain chain = new TestChain(fork).account(CONTRACT, 0, code, Map.of(UInt256.ONE, UInt256.ONE));
            TransactionResult result = chain.call(CONTRACT, 100_000, data);
            assertSuccess(result);
            assertEquals(4800, result.gas().refund());
            long expected = fork == Fork.CANCUN ? used - 4800 : Math.max(used - 4800, TX + 4000);
            assertEquals(expected, result.gasUsed(), fork.name());
            assertEquals(fork != Fork.CANCUN, result.gas().floorApplied());
        }
        // execution above the floor: no floor
        byte[] heavy = Asm.code().push(1).push(1).op(SSTORE).bytes();
        TestChain chain = new TestChain(Fork.PRAGUE).contract(heavy);
        TransactionResult result = chain.call(CONTRACT, 100_000, data);
        assertEquals(intrinsic + 22_106, result.gasUsed());
        assertFalse(result.gas().floorApplied());
    }

    // ---- EIP-7825 transaction gas cap (Osaka) ---------------------------------------------------------------

    @Test
    void transactionGasLimitCapInOsaka() {
        long cap = 1L << 24;
        TestChain osaka = new TestChain(Fork.OSAKA).contract(Asm.of(STOP));
        TransactionResult above = osaka.call(CONTRACT, cap + 1);
        assertEquals(InvalidReason.GAS_LIMIT_ABOVE_CAP, above.invalid());
        assertEquals(0, above.gasUsed());
        assertSuccess(osaka.call(CONTRACT, cap));
        for (Fork fork : new Fork[] {Fork.CANCUN, Fork.PRAGUE}) {
            TestChain earlier = new TestChain(fork).contract(Asm.of(STOP));
            assertSuccess(earlier.call(CONTRACT, cap + 1));
        }
        assertEquals(cap, ForkRules.forFork(Fork.OSAKA).transactionGasCap());
    }

    // ---- CREATE, CREATE2, SELFDESTRUCT ---------------------------------------------------------------------

    /** Initcode returning the first {@code length} bytes of a ten-byte runtime: 17 gas. */
    private static byte[] initcode(byte[] runtime, int length) {
        return Asm.code().pushN(10, new BigInteger(1, runtime)).op(PUSH0, MSTORE).push(length).push(22).op(RETURN)
                .bytes();
    }

    /** Stores the initcode at memory 0 and runs CREATE (or CREATE2 with the salt), returning the address. */
    private static byte[] creator(byte[] initcode, Long salt) {
        Asm asm = Asm.code().pushN(32, new BigInteger(1, Arrays.copyOf(initcode, 32))).op(PUSH0, MSTORE);
        if (salt != null) {
            asm.push(salt);
        }
        asm.push(initcode.length).op(PUSH0, PUSH0).op(salt != null ? CREATE2 : CREATE);
        return asm.returnTop().bytes();
    }

    @ParameterizedTest
    @EnumSource(Fork.class)
    void createChargesInitcodeWordsExecutionAndDeposit(Fork fork) {
        byte[] runtime = Asm.of(0x60, 0x2a, 0x5f, 0x52, 0x60, 0x20, 0x5f, 0xf3, 0x00, 0x00); // returns 42
        for (int length : new int[] {0, 1, 8, 10}) {
            byte[] init = initcode(runtime, length);
            TestChain chain = new TestChain(fork).contract(creator(init, null));
            TransactionResult result = chain.call(CONTRACT, LIMIT);
            assertSuccess(result);
            Address created = ContractAddress.fromNonce(CONTRACT, 1);
            assertEquals(created.toWord().toBigInteger(), word(result));
            long exec = 3 + 2 + 6 // PUSH32 PUSH0 MSTORE
                    + 3 + 2 + 2 // PUSH1 length PUSH0 PUSH0
                    + 32_000 + 2 // CREATE and one word of initcode
                    + 17 + 200L * length // the initcode and the code deposit
                    + 10;
            assertEquals(exec, result.gas().execution(), "runtime of " + length + " bytes");
            assertEquals(2, chain.world.account(CONTRACT).nonce());
            assertEquals(1, chain.world.account(created).nonce());
            assertArrayEquals(Arrays.copyOf(runtime, length), chain.world.code(created,
                    chain.world.account(created).codeHash()));
        }
    }

    @Test
    void create2HashesTheInitcodeAndCollidesOnReuse() {
        byte[] runtime = Asm.of(0x60, 0x2a, 0x5f, 0x52, 0x60, 0x20, 0x5f, 0xf3, 0x00, 0x00);
        byte[] init = initcode(runtime, 8);
        TestChain chain = new TestChain(Fork.PRAGUE).contract(creator(init, 5L));
        TransactionResult result = chain.call(CONTRACT, LIMIT);
        assertSuccess(result);
        Address created = ContractAddress.fromSalt(CONTRACT, UInt256.valueOf(5),
                io.evmsim.common.crypto.Keccak.keccak256(init));
        assertEquals(created.toWord().toBigInteger(), word(result));
        long exec = 11 + 3 + 7 + 32_000 + 2 + 6 + 17 + 1600 + 10;
        assertEquals(exec, result.gas().execution());

        // the same salt and initcode again: the address is taken, the creation fails with all its gas
        TransactionResult again = chain.call(CONTRACT, LIMIT);
        assertSuccess(again);
        assertEquals(BigInteger.ZERO, word(again));
        assertEquals(3, chain.world.account(CONTRACT).nonce(), "a collision still bumps the creator's nonce");
    }

    @Test
    void createdCodeLimits() {
        // 0xEF first (EIP-3541) and more than 24,576 bytes (EIP-170) both fail the creation
        byte[] ef = initcode(Asm.of(0xef, 0, 0, 0, 0, 0, 0, 0, 0, 0), 1);
        TestChain chain = new TestChain(Fork.CANCUN).contract(creator(ef, null));
        TransactionResult prefixed = chain.call(CONTRACT, LIMIT);
        assertSuccess(prefixed);
        assertEquals(BigInteger.ZERO, word(prefixed));

        byte[] big = Asm.code().push(24_577).op(PUSH0, RETURN).bytes();
        TestChain second = new TestChain(Fork.CANCUN).contract(creator(big, null));
        TransactionResult tooBig = second.call(CONTRACT, LIMIT);
        assertSuccess(tooBig);
        assertEquals(BigInteger.ZERO, word(tooBig));

        byte[] limit = Asm.code().push(24_576).op(PUSH0, RETURN).bytes();
        TestChain third = new TestChain(Fork.CANCUN).contract(creator(limit, null));
        TransactionResult atLimit = third.call(CONTRACT, 10_000_000);
        assertSuccess(atLimit);
        assertEquals(ContractAddress.fromNonce(CONTRACT, 1).toWord().toBigInteger(), word(atLimit));
    }

    @ParameterizedTest
    @EnumSource(Fork.class)
    void selfDestructCosts(Fork fork) {
        // to a cold, existing beneficiary: 5000 + 2600; the contract stays (EIP-6780), its balance moves
        TestChain chain = new TestChain(fork).account(CONTRACT, 100, Asm.code().push(OTHER).op(SELFDESTRUCT).bytes())
                .account(OTHER, 0, Asm.of(STOP));
        TransactionResult result = chain.call(CONTRACT, LIMIT);
        assertSuccess(result);
        assertEquals(3 + 5000 + 2600, result.gas().execution());
        assertEquals(UInt256.valueOf(100), chain.balance(OTHER));
        assertEquals(UInt256.ZERO, chain.balance(CONTRACT));
        assertTrue(chain.world.account(CONTRACT) != null, "not created in this transaction: not deleted");

        // to an account that does not exist, with a balance to send: 25,000 more
        Address fresh = Address.fromHex("0x00000000000000000000000000000000000f2e55");
        TestChain second = new TestChain(fork).account(CONTRACT, 100, Asm.code().push(fresh).op(SELFDESTRUCT).bytes());
        TransactionResult toNew = second.call(CONTRACT, LIMIT);
        assertEquals(3 + 5000 + 2600 + 25_000, toNew.gas().execution());
        assertEquals(UInt256.valueOf(100), second.balance(fresh));

        // with nothing to send, no new-account charge
        TestChain third = new TestChain(fork).account(CONTRACT, 0, Asm.code().push(fresh).op(SELFDESTRUCT).bytes());
        assertEquals(3 + 5000 + 2600, third.call(CONTRACT, LIMIT).gas().execution());

        // in a static context it halts
        byte[] caller = call(Asm.code(), STATICCALL, BigInteger.valueOf(50_000), OTHER, 0, 0, 0, 0, 0).returnTop()
                .bytes();
        TestChain statik = new TestChain(fork).contract(caller).account(OTHER, 10, Asm.code().push(THIRD)
                .op(SELFDESTRUCT).bytes());
        TransactionResult none = statik.call(CONTRACT, LIMIT);
        assertEquals(BigInteger.ZERO, word(none));
        assertEquals(UInt256.valueOf(10), statik.balance(OTHER));
    }

    @Test
    void selfDestructOfAContractCreatedInTheSameTransactionDeletesIt() {
        byte[] init = Asm.code().push(OTHER).op(SELFDESTRUCT).bytes();
        Asm asm = Asm.code().pushN(32, new BigInteger(1, Arrays.copyOf(init, 32))).op(PUSH0, MSTORE)
                .push(init.length).op(PUSH0).push(77).op(CREATE).returnTop();
        TestChain chain = new TestChain(Fork.CANCUN).account(CONTRACT, 1_000, asm.bytes()).account(OTHER, 0,
                Asm.of(STOP));
        TransactionResult result = chain.call(CONTRACT, LIMIT);
        assertSuccess(result);
        Address created = ContractAddress.fromNonce(CONTRACT, 1);
        assertEquals(created.toWord().toBigInteger(), word(result));
        assertNull(chain.world.account(created), "created and destroyed in one transaction: gone");
        assertEquals(UInt256.valueOf(77), chain.balance(OTHER));
        assertEquals(UInt256.valueOf(923), chain.balance(CONTRACT));
    }

    // ---- odds and ends ----------------------------------------------------------------------------------------

    @Test
    void keccakAndCopiesChargePerWord() {
        // KECCAK256 of 33 bytes: 30 + 6 * 2 words + memory for 2 words
        TransactionResult hash = runCode(Fork.CANCUN, Asm.code().push(33).push(0).op(KECCAK256, POP).bytes(), LIMIT);
        assertEquals(3 + 3 + 30 + 12 + memoryCost(2) + 2, hash.gas().execution());
        // CALLDATACOPY of 65 bytes: 3 + 3 * 3 words + memory for 3 words
        TransactionResult copy = runCode(Fork.CANCUN, Asm.code().push(65).push(0).push(0).op(CALLDATACOPY).bytes(),
                LIMIT);
        assertEquals(9 + 3 + 9 + memoryCost(3), copy.gas().execution());
        // LOG2 with 10 bytes: 375 + 2 * 375 + 8 * 10 + memory for one word
        TransactionResult log = runCode(Fork.CANCUN, Asm.code().push(1).push(2).push(10).push(0).op(LOG0 + 2).bytes(),
                LIMIT);
        assertSuccess(log);
        assertEquals(12 + 375 * 3 + 80 + 3, log.gas().execution());
    }

    @Test
    void invalidOpcodeConsumesAllGas() {
        for (int op : new int[] {INVALID, 0x0c, 0x21, 0x4b, 0xa5, 0xef, 0xf6, 0xfb, 0xfc}) {
            assertHalt(HaltReason.INVALID_OPCODE, runCode(Fork.OSAKA, Asm.of(PUSH0, op), LIMIT), LIMIT);
        }
    }

    private static String hex(byte[] code) {
        return io.evmsim.common.bytes.Hex.encode(code);
    }
}
