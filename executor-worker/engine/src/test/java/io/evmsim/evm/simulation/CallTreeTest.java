package io.evmsim.evm.simulation;

import static io.evmsim.evm.opcode.Opcodes.*;
import static io.evmsim.evm.simulation.Fixture.ALICE;
import static io.evmsim.evm.simulation.Fixture.BOB;
import static io.evmsim.evm.simulation.Fixture.REVERTER;
import static io.evmsim.evm.simulation.Fixture.ROUTER;
import static io.evmsim.evm.simulation.Fixture.TOKEN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.decode.RevertReason;
import io.evmsim.evm.interpreter.Asm;
import io.evmsim.evm.trace.call.CallFrame;
import io.evmsim.evm.trace.call.CallType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The call tree with geth's callTracer semantics, built while simulating hand-assembled contracts. */
class CallTreeTest {
    private final Fixture fixture = new Fixture();

    /** CALL {@code target} with {@code value} and {@code input} stored at memory 0; leaves success on the stack. */
    private static Asm callWith(Asm asm, int op, Address target, long value, int inputLength) {
        asm.op(PUSH0, PUSH0).push(inputLength).op(PUSH0);
        if (op == CALL || op == CALLCODE) {
            asm.push(value);
        }
        return asm.push(target).op(GAS, op);
    }

    private CallFrame run(byte[] routerCode, long value) {
        fixture.world.put(ROUTER, 1, UInt256.valueOf(50), routerCode, Map.of());
        TransactionSimulation result = fixture.simulator(SimulationOptions.calls())
                .runBlock(fixture.block, List.of(Fixture.call(ALICE, ROUTER, 200_000, value, new byte[0])))
                .transactions().get(0);
        return result.callTree();
    }

    @Test
    void nestedCallsCarryTypeValueGasAndLogPositions() {
        Asm router = Asm.code();
        router.push(0x42).op(PUSH0, PUSH0, LOG0 + 1); // a log before any sub-call: position 0
        callWith(router, CALL, BOB, 7, 0).op(POP);
        callWith(router, STATICCALL, BOB, 0, 0).op(POP);
        router.push(0x43).op(PUSH0, PUSH0, LOG0 + 1); // after two sub-calls: position 2
        callWith(router, DELEGATECALL, REVERTER, 0, 0).op(POP, STOP);
        CallFrame root = run(router.bytes(), 3);

        assertEquals(CallType.CALL, root.type());
        assertEquals(ALICE, root.from());
        assertEquals(ROUTER, root.to());
        assertEquals(UInt256.valueOf(3), root.value());
        assertEquals(200_000, root.gas(), "the top frame shows the transaction's gas limit");
        assertNull(root.error());
        List<CallFrame> calls = root.calls();
        assertEquals(3, calls.size());
        assertEquals(CallType.CALL, calls.get(0).type());
        assertEquals(BOB, calls.get(0).to());
        assertEquals(UInt256.valueOf(7), calls.get(0).value());
        assertEquals(0, calls.get(0).gasUsed(), "a call to an account without code uses nothing");
        assertEquals(CallType.STATICCALL, calls.get(1).type());
        assertNull(calls.get(1).value(), "geth omits a static call's value");
        CallFrame delegate = calls.get(2);
        assertEquals(CallType.DELEGATECALL, delegate.type());
        assertEquals(ROUTER, delegate.from(), "a delegate call is made by the running contract");
        assertEquals(REVERTER, delegate.to(), "to the code's address");
        assertEquals(UInt256.valueOf(3), delegate.value(), "with the caller's value");
        assertEquals("execution reverted", delegate.error());
        assertEquals("not allowed", delegate.revertReason().text());
        assertArrayEquals(Fixture.errorString("not allowed"), delegate.output());
        assertEquals(List.of(0, 2), root.logs().stream().map(l -> l.position()).toList());
        assertEquals(List.of(0, 1), root.logs().stream().map(l -> l.index()).toList());
    }

    @Test
    void topFrameGasUsedIsTheReceiptsAndSubFrameGasIsGivenMinusLeft() {
        Asm router = Asm.code();
        callWith(router, CALL, TOKEN, 0, 64).op(POP, STOP);
        fixture.world.put(ROUTER, 1, UInt256.ZERO, router.bytes(), Map.of());
        TransactionSimulation result = fixture.simulator(SimulationOptions.calls())
                .runBlock(fixture.block, List.of(Fixture.call(ALICE, ROUTER, 300_000, 0, new byte[0])))
                .transactions().get(0);
        CallFrame root = result.callTree();
        assertEquals(result.result().gasUsed(), root.gasUsed());
        CallFrame token = root.calls().get(0);
        assertTrue(token.gasUsed() > 0 && token.gasUsed() < token.gas(), "used " + token.gasUsed());
        assertEquals(1, token.logs().size(), "the token's Transfer event sits in the token's frame");
        assertEquals(List.of(new FrameGas(0, CallType.CALL, ROUTER, 300_000, root.gasUsed()),
                new FrameGas(1, CallType.CALL, TOKEN, token.gas(), token.gasUsed())), result.gas().frames());
    }

    @Test
    void logsOfAFailedFrameAndItsChildrenAreDropped() {
        // the inner contract logs, then the router logs and reverts: no log survives
        Address logger = Address.fromLong(0x1066);
        fixture.world.put(logger, 1, UInt256.ZERO, Asm.code().op(PUSH0, PUSH0, LOG0, STOP).bytes(), Map.of());
        Asm router = Asm.code();
        callWith(router, CALL, logger, 0, 0).op(POP).op(PUSH0, PUSH0, LOG0).op(PUSH0, PUSH0, REVERT);
        CallFrame root = run(router.bytes(), 0);
        assertEquals("execution reverted", root.error());
        assertNull(root.revertReason(), "empty revert data has no reason");
        assertTrue(root.logs().isEmpty());
        assertTrue(root.calls().get(0).logs().isEmpty());
        assertNull(root.calls().get(0).error(), "the child itself succeeded");
    }

    @Test
    void rejectedCallsAppearWithGethsErrorAndNoGasUsed() {
        Asm router = Asm.code();
        callWith(router, CALL, BOB, 1_000_000, 0).op(POP, STOP); // the router holds 50 wei
        CallFrame call = run(router.bytes(), 0).calls().get(0);
        assertEquals("insufficient balance for transfer", call.error());
        assertEquals(0, call.gasUsed());
        assertEquals(UInt256.valueOf(1_000_000), call.value());
    }

    @Test
    void createAndSelfDestructNodes() {
        // initcode: SELFDESTRUCT to BOB, sending the 5 wei it was created with
        byte[] initcode = Asm.code().push(BOB).op(SELFDESTRUCT).bytes();
        Asm router = Asm.code();
        for (int i = 0; i < initcode.length; i++) {
            router.push(initcode[i] & 0xff).push(i).op(MSTORE8);
        }
        router.push(initcode.length).op(PUSH0).push(5).op(CREATE, POP, STOP);
        CallFrame create = run(router.bytes(), 0).calls().get(0);
        assertEquals(CallType.CREATE, create.type());
        assertArrayEquals(initcode, create.input(), "a creation's input is its initcode");
        assertEquals(UInt256.valueOf(5), create.value());
        CallFrame destruct = create.calls().get(0);
        assertEquals(CallType.SELFDESTRUCT, destruct.type());
        assertEquals(create.to(), destruct.from());
        assertEquals(BOB, destruct.to());
        assertEquals(UInt256.valueOf(5), destruct.value());
        assertEquals(0, destruct.gas());
    }

    @Test
    void haltsCarryGethsDetailedText() {
        assertEquals("stack underflow (0 <=> 2)", run(Asm.of(ADD), 0).error());
        assertEquals("invalid opcode: INVALID", run(Asm.of(PUSH0, INVALID), 0).error());
        assertEquals("invalid opcode: opcode 0xc not defined", run(Asm.of(0x0c), 0).error());
        assertEquals("invalid jump destination", run(Asm.of(PUSH0, JUMP), 0).error());
        CallFrame failedCreate = run(Asm.code().op(PUSH0, PUSH0, PUSH0, CREATE, POP).push(1).op(PUSH0, MSTORE8)
                .push(1).op(PUSH0, PUSH0, CREATE, STOP).bytes(), 0).calls().get(1);
        // the second creation's initcode is the single byte 0x01: ADD on an empty stack
        assertEquals("stack underflow (0 <=> 2)", failedCreate.error());
        assertNull(failedCreate.to(), "geth leaves out a failed creation's address");
    }

    @Test
    void panicAndCustomErrorsAreDecoded() {
        fixture.world.put(ROUTER, 1, UInt256.ZERO, Fixture.revertWith(Fixture.panic(0x11)), Map.of());
        TransactionSimulation result = fixture.simulator(SimulationOptions.calls())
                .runBlock(fixture.block, List.of(Fixture.call(ALICE, ROUTER, 100_000, 0, new byte[0])))
                .transactions().get(0);
        assertEquals(SimulationStatus.REVERTED, result.status());
        RevertReason.Panic panic = assertInstanceOf(RevertReason.Panic.class, result.revertReason());
        assertEquals("arithmetic underflow or overflow", panic.meaning());
        assertEquals("arithmetic underflow or overflow", result.callTree().revertReason().text());
    }
}
