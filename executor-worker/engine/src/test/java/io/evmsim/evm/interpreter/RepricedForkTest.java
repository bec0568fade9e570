package io.evmsim.evm.interpreter;

import static io.evmsim.evm.interpreter.TestChain.CONTRACT;
import static io.evmsim.evm.opcode.Opcodes.ADD;
import static io.evmsim.evm.opcode.Opcodes.LOG0;
import static io.evmsim.evm.opcode.Opcodes.MSTORE;
import static io.evmsim.evm.opcode.Opcodes.SLOAD;
import static io.evmsim.evm.opcode.Opcodes.SSTORE;
import static io.evmsim.evm.opcode.Opcodes.STOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.types.UInt256;
import io.evmsim.evm.fork.Fork;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.fork.GasCost;
import io.evmsim.evm.transaction.TransactionResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gas constants are data per fork: a hypothetical fork written as Osaka plus made-up repricing
 * deltas, the way a future fork is added, and the interpreter and the intrinsic gas charging its
 * prices while Osaka keeps its own.
 */
class RepricedForkTest {
    private static final long LIMIT = 1_000_000;

    /** Made-up prices, one line each as a fork's EIPs would be. */
    private static final ForkRules REPRICED = ForkRules.forFork(Fork.OSAKA)
            .withGas(GasCost.COLD_SLOAD, 4_000) // a state-access repricing
            .withGas(GasCost.WARM_STORAGE_READ, 150)
            .withGas(GasCost.SSTORE_SET, 30_000) // a state-creation repricing
            .withGas(GasCost.MEMORY_WORD, 5)
            .withGas(GasCost.LOG_TOPIC, 500)
            .withGas(GasCost.TX_BASE, 4_500) // a cheaper transaction base
            .withOpcode(ADD, 2); // a compute repricing

    private static TransactionResult run(ForkRules rules, byte[] code, Map<UInt256, UInt256> storage) {
        TestChain chain = new TestChain(rules).account(CONTRACT, 0, code, storage);
        TransactionResult result = chain.call(CONTRACT, LIMIT);
        assertTrue(result.isSuccess(), () -> "failed: " + result.invalid() + " " + result.halt());
        return result;
    }

    @Test
    void storageReadsAndAnInlineOpcodeAreChargedAtTheForksPrices() {
        // PUSH1 7, SLOAD (cold), PUSH1 7, SLOAD (warm), ADD, then PUSH0 MSTORE PUSH1 32 PUSH0 RETURN
        byte[] code = Asm.code().push(7).op(SLOAD).push(7).op(SLOAD).op(ADD).returnTop().bytes();
        Map<UInt256, UInt256> storage = Map.of(UInt256.valueOf(7), UInt256.valueOf(21));
        TransactionResult osaka = run(ForkRules.forFork(Fork.OSAKA), code, storage);
        TransactionResult repriced = run(REPRICED, code, storage);

        long returnTop = 2 + 3 + 3 + 3 + 2;
        assertEquals(3 + 2_100 + 3 + 100 + 3 + returnTop, osaka.gas().execution());
        long returnTopRepriced = 2 + 3 + 5 + 3 + 2; // one word of memory at 5
        assertEquals(3 + 4_000 + 3 + 150 + 2 + returnTopRepriced, repriced.gas().execution());
        assertEquals(osaka.output().length, repriced.output().length);
        assertEquals(UInt256.valueOf(42), UInt256.fromBytes(repriced.output()));
    }

    @Test
    void theIntrinsicGasIsTheForks() {
        byte[] code = Asm.of(STOP);
        TransactionResult osaka = run(ForkRules.forFork(Fork.OSAKA), code, Map.of());
        TransactionResult repriced = run(REPRICED, code, Map.of());
        assertEquals(21_000, osaka.gas().intrinsic());
        assertEquals(21_000, osaka.gasUsed());
        assertEquals(4_500, repriced.gas().intrinsic());
        assertEquals(4_500, repriced.gasUsed());
    }

    @Test
    void memoryExpansionAndStorageWritesAreChargedAtTheForksPrices() {
        // MSTORE at 1000 grows memory to 33 words; SSTORE of a new non-zero value into a cold slot
        byte[] code = Asm.code().push(0x2a).push(1000).op(MSTORE).push(1).push(0).op(SSTORE).op(STOP).bytes();
        TransactionResult osaka = run(ForkRules.forFork(Fork.OSAKA), code, Map.of());
        TransactionResult repriced = run(REPRICED, code, Map.of());
        long quadratic = 33 * 33 / 512;
        assertEquals(3 + 3 + 3 + (3 * 33 + quadratic) + 3 + 3 + 2_100 + 20_000, osaka.gas().execution());
        assertEquals(3 + 3 + 3 + (5 * 33 + quadratic) + 3 + 3 + 4_000 + 30_000, repriced.gas().execution());
    }

    @Test
    void logTopicsAreChargedAtTheForksPrice() {
        // LOG2 with two topics and no data, then STOP
        byte[] code = Asm.code().push(2).push(1).push(0).push(0).op(LOG0 + 2).op(STOP).bytes();
        TransactionResult osaka = run(ForkRules.forFork(Fork.OSAKA), code, Map.of());
        TransactionResult repriced = run(REPRICED, code, Map.of());
        assertEquals(1, osaka.logs().size());
        assertEquals(2, repriced.logs().get(0).topics().size());
        assertEquals(osaka.gas().execution() + 2 * (500 - 375), repriced.gas().execution());
    }
}
