package io.evmsim.evm.simulation;

import static io.evmsim.evm.opcode.Opcodes.*;
import static io.evmsim.evm.simulation.Fixture.ALICE;
import static io.evmsim.evm.simulation.Fixture.BOB;
import static io.evmsim.evm.simulation.Fixture.ROUTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.types.UInt256;
import io.evmsim.evm.interpreter.Asm;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.transaction.TransactionProcessor;
import io.evmsim.evm.transaction.TransactionResult;
import io.evmsim.evm.transaction.Validation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Frames reuse the thread's stacks and memories across transactions: each one still starts empty. */
class MemoryReuseTest {
    private final Fixture fixture = new Fixture();

    private TransactionResult run(byte[] code) {
        fixture.world.put(ROUTER, 1, UInt256.ZERO, code, Map.of());
        return new TransactionProcessor(fixture.rules).execute(new JournaledState(fixture.world, fixture.codeCache),
                fixture.block, Fixture.call(ALICE, ROUTER, 1_000_000, 0, new byte[0]), null, Validation.SKIPPED);
    }

    @Test
    void aTransactionSeesNoneOfTheMemoryOrStackOfTheOneBefore() {
        // grows memory to 64 KiB with a word at 0x8000 and leaves items on the stack; a sub-call's frame too
        Asm writer = Asm.code().push(0x77).push(0x8000).op(MSTORE).push(0x99).push(0xffe0).op(MSTORE);
        writer.op(PUSH0, PUSH0, PUSH0, PUSH0, PUSH0).push(BOB).op(GAS, CALL).push(1).push(2).op(STOP);
        assertTrue(run(writer.bytes()).isSuccess());

        // MSIZE, then MLOAD 0x8000 and 0xffe0 after the memory grew there again, returned as three words
        Asm reader = Asm.code().op(MSIZE, PUSH0, MSTORE).push(0x8000).op(MLOAD).push(0x20).op(MSTORE)
                .push(0xffe0).op(MLOAD).push(0x40).op(MSTORE).push(0x60).op(PUSH0, RETURN);
        TransactionResult result = run(reader.bytes());
        assertTrue(result.isSuccess());
        assertEquals(96, result.output().length);
        for (byte b : result.output()) {
            assertEquals(0, b, "memory starts empty and zeroed in every transaction");
        }
    }
}
