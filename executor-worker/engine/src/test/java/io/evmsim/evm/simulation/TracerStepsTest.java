package io.evmsim.evm.simulation;

import static io.evmsim.evm.opcode.Opcodes.*;
import static io.evmsim.evm.simulation.Fixture.ALICE;
import static io.evmsim.evm.simulation.Fixture.ROUTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.types.UInt256;
import io.evmsim.evm.interpreter.Asm;
import io.evmsim.evm.interpreter.Frame;
import io.evmsim.evm.interpreter.HaltReason;
import io.evmsim.evm.opcode.OpcodeSet;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.trace.CompositeTracer;
import io.evmsim.evm.trace.DeadlineWatchdog;
import io.evmsim.evm.trace.ExecutionTracer;
import io.evmsim.evm.transaction.TransactionProcessor;
import io.evmsim.evm.transaction.TransactionResult;
import io.evmsim.evm.transaction.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The step hook is called only for the instructions a tracer asks for, alone or in a composite. */
class TracerStepsTest {
    private final Fixture fixture = new Fixture();

    /** Records the opcodes of the steps it is given. */
    private static final class Recorder implements ExecutionTracer {
        final OpcodeSet steps;
        final List<Integer> seen = new ArrayList<>();

        Recorder(OpcodeSet steps) {
            this.steps = steps;
        }

        @Override
        public OpcodeSet steps() {
            return steps;
        }

        @Override
        public void onStep(Frame frame, int opcode) {
            seen.add(opcode);
        }
    }

    private TransactionResult run(byte[] code, ExecutionTracer tracer) {
        fixture.world.put(ROUTER, 1, UInt256.ZERO, code, Map.of());
        return new TransactionProcessor(fixture.rules).execute(new JournaledState(fixture.world, fixture.codeCache),
                fixture.block, Fixture.call(ALICE, ROUTER, 1_000_000, 0, new byte[0]), tracer, Validation.SKIPPED);
    }

    @Test
    void eachTracerSeesOnlyTheStepsItAsksFor() {
        byte[] code = Asm.code().push(1).op(SLOAD).push(2).op(ADD, PUSH0, SSTORE, STOP).bytes();
        Recorder storage = new Recorder(OpcodeSet.of(SLOAD, SSTORE));
        Recorder every = new Recorder(OpcodeSet.ALL);
        Recorder none = new Recorder(OpcodeSet.NONE);

        assertTrue(run(code, CompositeTracer.of(storage, null, every, none)).isSuccess());
        assertEquals(List.of(SLOAD, SSTORE), storage.seen);
        assertEquals(List.of(PUSH1, SLOAD, PUSH1, ADD, PUSH0, SSTORE, STOP), every.seen);
        assertEquals(List.of(), none.seen);

        Recorder alone = new Recorder(OpcodeSet.of(ADD));
        assertTrue(run(code, alone).isSuccess());
        assertEquals(List.of(ADD), alone.seen, "a single tracer is filtered by the interpreter itself");
    }

    @Test
    void theWatchdogStopsALoopThatOnlyJumps() {
        // JUMPDEST; PUSH0; JUMP: the loop's one step the watchdog listens to is the JUMPDEST
        byte[] loop = Asm.of(JUMPDEST, PUSH0, JUMP);
        AtomicLong now = new AtomicLong();
        DeadlineWatchdog watchdog = new DeadlineWatchdog(10_000, () -> now.addAndGet(1000));

        TransactionResult result = run(loop, watchdog);
        assertEquals(HaltReason.INTERRUPTED, result.halt());
        assertTrue(watchdog.fired());
        assertFalse(watchdog.steps().contains(ADD), "straight-line arithmetic is not a step it needs");
    }
}
