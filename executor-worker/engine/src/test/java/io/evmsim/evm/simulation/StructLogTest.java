package io.evmsim.evm.simulation;

import static io.evmsim.evm.opcode.Opcodes.*;
import static io.evmsim.evm.simulation.Fixture.ALICE;
import static io.evmsim.evm.simulation.Fixture.BOB;
import static io.evmsim.evm.simulation.Fixture.ROUTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.types.UInt256;
import io.evmsim.evm.interpreter.Asm;
import io.evmsim.evm.interpreter.HaltReason;
import io.evmsim.evm.trace.opcode.StructLog;
import io.evmsim.evm.trace.opcode.StructLogTrace;
import io.evmsim.evm.trace.opcode.StructLoggerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** geth's default opcode logger: steps, costs, depth, stack, storage and errors. */
class StructLogTest {
    private final Fixture fixture = new Fixture();

    private StructLogTrace trace(byte[] code, long gas, StructLoggerConfig config) {
        return run(code, gas, config).structLogs();
    }

    private TransactionSimulation run(byte[] code, long gas, StructLoggerConfig config) {
        fixture.world.put(ROUTER, 1, UInt256.ZERO, code, Map.of());
        return fixture.simulator(SimulationOptions.calls().withStructLogs(config))
                .runBlock(fixture.block, List.of(Fixture.call(ALICE, ROUTER, gas, 0, new byte[0])))
                .transactions().get(0);
    }

    @Test
    void stepsCarryPcOpGasCostDepthAndStack() {
        StructLogTrace trace = trace(Asm.code().push(2).push(3).op(ADD).push(7).op(SSTORE, STOP).bytes(), 100_000,
                StructLoggerConfig.DEFAULT);
        List<StructLog> steps = trace.structLogs();
        assertEquals(List.of("PUSH1", "PUSH1", "ADD", "PUSH1", "SSTORE", "STOP"),
                steps.stream().map(StructLog::op).toList());
        assertEquals(List.of(0, 2, 4, 5, 7, 8), steps.stream().map(StructLog::pc).toList());
        assertEquals(List.of(3L, 3L, 3L, 3L, 22_100L, 0L), steps.stream().map(StructLog::gasCost).toList());
        assertEquals(100_000 - 21_000, steps.get(0).gas());
        assertEquals(steps.get(0).gas() - 3, steps.get(1).gas());
        assertEquals(1, steps.get(0).depth());
        StructLog sstore = steps.get(4);
        assertEquals(List.of(UInt256.valueOf(5), UInt256.valueOf(7)), List.of(sstore.stack()), "bottom first");
        assertEquals(Map.of(UInt256.valueOf(7), UInt256.valueOf(5)), sstore.storage());
        assertNull(steps.get(0).storage(), "storage only on SLOAD and SSTORE");
        assertNull(steps.get(0).memory(), "memory only when enabled");
        assertEquals(trace.gas(), 21_000 + 12 + 22_100);
    }

    @Test
    void aCallsCostIncludesTheGasItHandsOverAndTheCalleeIsOneDeeper() {
        fixture.world.put(BOB, 1, UInt256.ZERO, Asm.of(PUSH0, POP, STOP), Map.of());
        byte[] code = Asm.code().op(PUSH0, PUSH0, PUSH0, PUSH0, PUSH0).push(BOB).push(10_000).op(CALL, STOP).bytes();
        List<StructLog> steps = trace(code, 100_000, StructLoggerConfig.DEFAULT).structLogs();
        StructLog call = steps.stream().filter(s -> s.op().equals("CALL")).findFirst().orElseThrow();
        assertEquals(2600 + 10_000, call.gasCost(), "cold account access plus the gas handed over");
        List<StructLog> inner = steps.stream().filter(s -> s.depth() == 2).toList();
        assertEquals(List.of("PUSH0", "POP", "STOP"), inner.stream().map(StructLog::op).toList());
        assertEquals(10_000, inner.get(0).gas());
        StructLog after = steps.get(steps.size() - 1);
        assertEquals(1, after.depth());
        assertEquals(call.gas() - call.gasCost() + 10_000 - 4, after.gas(), "the callee used 4 and returned the rest");
    }

    @Test
    void anOutOfGasStepCarriesTheError() {
        StructLogTrace trace = trace(Asm.code().push(1).op(PUSH0, SSTORE).bytes(), 21_000 + 3 + 2 + 100,
                new StructLoggerConfig(true, true, false, false, 0, Integer.MAX_VALUE, Long.MAX_VALUE));
        StructLog last = trace.structLogs().get(trace.structLogs().size() - 1);
        assertEquals("SSTORE", last.op());
        assertEquals("out of gas", last.error());
        assertTrue(trace.failed());
        assertNull(last.stack(), "stack disabled");
        assertEquals(0, last.memory().length, "memory enabled and empty");
    }

    /** JUMPDEST PUSH1 0 JUMP: an endless loop of three steps, 12 gas a round. */
    private static final byte[] LOOP = Asm.code().op(JUMPDEST).push(0).op(JUMP).bytes();

    private static StructLoggerConfig ceilings(boolean memory, int limit, int maxSteps, long maxBytes) {
        return new StructLoggerConfig(memory, false, false, true, limit, maxSteps, maxBytes);
    }

    @Test
    void aLimitKeepsTheFirstStepsWithoutAnError() {
        StructLogTrace trace = trace(LOOP, 100_000, ceilings(false, 10, 1_000_000, Long.MAX_VALUE));
        assertEquals(10, trace.structLogs().size());
        assertNull(trace.exceeded());
        assertEquals(100_000, trace.gas(), "the loop ran until its gas was gone");
    }

    @Test
    void pastTheStepCeilingTheTraceNamesItAndExecutionStopsThere() {
        TransactionSimulation run = run(LOOP, 10_000_000, ceilings(false, 0, 1_000, Long.MAX_VALUE));
        StructLogTrace trace = run.structLogs();
        assertEquals("more than 1000 steps", trace.exceeded());
        assertEquals(1_000, trace.structLogs().size());
        assertTrue(trace.failed());
        assertEquals(HaltReason.INTERRUPTED, run.result().halt(), "stopped, not run to the end of its gas");
    }

    @Test
    void pastTheByteCeilingTheTraceNamesIt() {
        // memory grown to 32 KB by one MSTORE, then the loop with memory captured on every step
        byte[] code = Asm.code().push(1).push(32 * 1024 - 32).op(MSTORE, JUMPDEST).push(6).op(JUMP).bytes();
        StructLogTrace trace = trace(code, 1_000_000, ceilings(true, 0, 1_000_000, 1_000_000));
        assertEquals("more than 1000000 bytes of JSON", trace.exceeded());
        // each step with memory estimates 1,024 words of 69 bytes: fewer than 15 of them fit
        assertTrue(trace.structLogs().size() < 3 + 15, "steps kept: " + trace.structLogs().size());
    }

    @Test
    void returnDataIsCapturedWhenEnabled() {
        fixture.world.put(BOB, 1, UInt256.ZERO, Asm.code().push(42).op(PUSH0, MSTORE).push(32).op(PUSH0, RETURN)
                .bytes(), Map.of());
        byte[] code = Asm.code().op(PUSH0, PUSH0, PUSH0, PUSH0, PUSH0).push(BOB).push(10_000).op(CALL, POP, STOP)
                .bytes();
        List<StructLog> steps = trace(code, 100_000, ceilings(false, 0, 1_000, 1_000_000)).structLogs();
        StructLog afterCall = steps.stream().filter(s -> s.op().equals("POP")).findFirst().orElseThrow();
        assertEquals(42, afterCall.returnData()[31]);
        assertEquals(0, steps.getFirst().returnData().length);
    }
}
