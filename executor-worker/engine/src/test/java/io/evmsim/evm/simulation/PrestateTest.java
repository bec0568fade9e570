package io.evmsim.evm.simulation;

import static io.evmsim.evm.opcode.Opcodes.*;
import static io.evmsim.evm.simulation.Fixture.ALICE;
import static io.evmsim.evm.simulation.Fixture.BOB;
import static io.evmsim.evm.simulation.Fixture.COINBASE;
import static io.evmsim.evm.simulation.Fixture.ROUTER;
import static io.evmsim.evm.simulation.Fixture.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.interpreter.Asm;
import io.evmsim.evm.interpreter.ContractAddress;
import io.evmsim.evm.trace.prestate.AccountSnapshot;
import io.evmsim.evm.trace.prestate.StateDiff;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which accounts and fields geth's prestateTracer reports, in both modes. */
class PrestateTest {
    private final Fixture fixture = new Fixture();

    private TransactionSimulation run(io.evmsim.evm.transaction.EvmTransaction tx) {
        return fixture.simulator(SimulationOptions.bundle()).runBlock(fixture.block, List.of(tx)).transactions().get(0);
    }

    @Test
    void defaultModeListsWhatWasNamedAsItWas() {
        // reads BOB's balance and slot 5 of its own (empty) storage, then stops
        fixture.world.put(ROUTER, 1, UInt256.valueOf(3), Asm.code().push(BOB).op(BALANCE, POP).push(5)
                .op(SLOAD, STOP).bytes(), Map.of());
        TransactionSimulation result = run(Fixture.signed(ALICE, ROUTER, 0, 100_000, 0, new byte[0], 10, 1));
        var pre = result.prestate();
        assertEquals(Set.of(ALICE, ROUTER, COINBASE, BOB), pre.keySet(), "sender, recipient, coinbase, BALANCE target");
        assertEquals(Fixture.ETHER, pre.get(ALICE).balance(), "the sender before paying for gas");
        assertEquals(0, pre.get(ALICE).nonce());
        assertEquals(UInt256.ZERO, pre.get(ROUTER).storage().get(UInt256.valueOf(5)), "zero slots show in default mode");
        assertEquals(UInt256.ZERO, pre.get(BOB).balance());
        assertNull(pre.get(BOB).code());

        StateDiff diff = result.stateDiff();
        assertEquals(Set.of(ALICE, COINBASE), diff.post().keySet(), "only what changed");
        assertEquals(Set.of(ALICE, COINBASE), diff.pre().keySet());
        assertTrue(diff.pre().get(ALICE).storage().isEmpty());
        assertEquals(1, diff.post().get(ALICE).nonce());
        assertNull(diff.post().get(ALICE).code(), "unchanged code is left out");
    }

    @Test
    void aCreatedContractIsInPostOnly() {
        byte[] runtime = Asm.of(STOP);
        byte[] initcode = Asm.code().push(0).op(PUSH0, MSTORE8).push(1).op(PUSH0, RETURN).bytes();
        TransactionSimulation result = run(Fixture.signed(ALICE, null, 0, 200_000, 0, initcode, 10, 1));
        Address created = ContractAddress.fromNonce(ALICE, 0);
        assertEquals(created, result.result().createdAddress());
        assertFalse(result.prestate().containsKey(created));
        assertFalse(result.stateDiff().pre().containsKey(created));
        AccountSnapshot post = result.stateDiff().post().get(created);
        assertEquals(1, post.nonce());
        assertEquals(List.of((int) runtime[0]), List.of((int) post.code().bytes()[0]));
        assertEquals(1, result.callTree().output().length, "a creation's output is its deployed code");
    }

    @Test
    void aPreExistingContractThatSelfDestructsIsInPostWithItsNewBalance() {
        // EIP-6780 keeps the account (code and nonce); in geth's diff format leaving it out of post would
        // say it was deleted (geth's prestate tracer since 2025-10, and anvil, list it in post)
        fixture.world.put(ROUTER, 1, UInt256.valueOf(9), Asm.code().push(BOB).op(SELFDESTRUCT).bytes(), Map.of());
        TransactionSimulation result = run(Fixture.signed(ALICE, ROUTER, 0, 100_000, 0, new byte[0], 10, 1));
        StateDiff diff = result.stateDiff();
        assertEquals(UInt256.valueOf(9), diff.pre().get(ROUTER).balance());
        assertEquals(UInt256.ZERO, diff.post().get(ROUTER).balance());
        assertNull(diff.post().get(ROUTER).code(), "its code is unchanged");
        assertEquals(0, diff.post().get(ROUTER).nonce(), "its nonce is unchanged");
        assertEquals(UInt256.valueOf(9), diff.post().get(BOB).balance());
    }

    @Test
    void aContractCreatedAndDestroyedInTheTransactionIsNotInPost() {
        byte[] initcode = Asm.code().push(BOB).op(SELFDESTRUCT).bytes();
        TransactionSimulation result = run(Fixture.signed(ALICE, null, 0, 200_000, 5, initcode, 10, 1));
        Address created = ContractAddress.fromNonce(ALICE, 0);
        StateDiff diff = result.stateDiff();
        assertFalse(diff.post().containsKey(created), "EIP-6780 removes what the transaction created");
        assertFalse(diff.pre().containsKey(created), "it was empty before");
        assertEquals(UInt256.valueOf(5), diff.post().get(BOB).balance());
    }

    @Test
    void slotsThatDidNotChangeAreLeftOut() {
        // a transfer of zero writes both balances back unchanged
        TransactionSimulation result = run(Fixture.signed(ALICE, TOKEN, 0, 100_000, 0,
                Fixture.transferCall(BOB, 0), 10, 1));
        assertFalse(result.stateDiff().post().containsKey(TOKEN));
        assertFalse(result.stateDiff().pre().containsKey(TOKEN));
        assertEquals(UInt256.valueOf(1000), result.prestate().get(TOKEN).storage().get(ALICE.toWord()));
    }
}
