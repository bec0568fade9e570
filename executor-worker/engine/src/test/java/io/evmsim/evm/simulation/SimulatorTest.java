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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.assets.Asset;
import io.evmsim.evm.assets.AssetChanges;
import io.evmsim.evm.decode.TokenEvent;
import io.evmsim.evm.interpreter.Asm;
import io.evmsim.evm.trace.prestate.AccountSnapshot;
import io.evmsim.evm.trace.prestate.StateDiff;
import io.evmsim.evm.transaction.InvalidReason;
import io.evmsim.evm.transaction.Validation;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Bundles, validation modes, limits and overrides, and the per-transaction reports. */
class SimulatorTest {
    private final Fixture fixture = new Fixture();

    private TransactionSimulation single(SimulationOptions options, Map<Address, AccountOverride> overrides,
            BlockOverrides blockOverrides, io.evmsim.evm.transaction.EvmTransaction tx) {
        return fixture.simulator(options).runBlock(fixture.block, blockOverrides, overrides, List.of(tx), r -> { })
                .transactions().get(0);
    }

    @Test
    void eachTransactionSeesTheOnesBefore() {
        var first = Fixture.signed(ALICE, TOKEN, 0, 100_000, 0, Fixture.transferCall(BOB, 300), 20, 2);
        var second = Fixture.signed(ALICE, TOKEN, 1, 100_000, 0, Fixture.transferCall(BOB, 200), 20, 2);
        List<TransactionSimulation> streamed = new java.util.ArrayList<>();
        BlockSimulation bundle = fixture.simulator(SimulationOptions.bundle())
                .runBlock(fixture.block, BlockOverrides.NONE, Map.of(), List.of(first, second), streamed::add);
        assertEquals(bundle.transactions(), streamed, "each result was handed out as it was ready");
        TransactionSimulation two = bundle.transactions().get(1);
        assertEquals(SimulationStatus.SUCCESS, two.status());
        // the second transfer starts from the first's balances
        StateDiff diff = two.stateDiff();
        assertEquals(UInt256.valueOf(700), diff.pre().get(TOKEN).storage().get(ALICE.toWord()));
        assertEquals(UInt256.valueOf(500), diff.post().get(TOKEN).storage().get(ALICE.toWord()));
        assertEquals(UInt256.valueOf(300), diff.pre().get(TOKEN).storage().get(BOB.toWord()));
        assertEquals(UInt256.valueOf(500), diff.post().get(TOKEN).storage().get(BOB.toWord()));
        assertNull(diff.post().get(TOKEN).balance(), "the token's balance did not change");
        assertEquals(2, diff.post().get(ALICE).nonce());
        assertEquals(1, diff.pre().get(ALICE).nonce());

        long gas = bundle.transactions().get(0).result().gasUsed() + two.result().gasUsed();
        assertEquals(gas, bundle.totalGasUsed());
        assertEquals(BigInteger.valueOf(2 * gas), bundle.coinbaseGain(), "tip 2 per gas");
        assertEquals(BigInteger.valueOf(2 * gas), bundle.priorityFees());
        assertEquals(BigInteger.ZERO, bundle.directPayments());
        assertEquals(BigInteger.TWO, bundle.effectiveGasPrice());
        assertNull(bundle.stoppedBy());
    }

    @Test
    void tokenTransferIsDecodedAndCountedAsAssetChange() {
        TransactionSimulation result = single(SimulationOptions.calls(), Map.of(), BlockOverrides.NONE,
                Fixture.call(ALICE, TOKEN, 100_000, 0, Fixture.transferCall(BOB, 40)));
        DecodedLog log = result.logs().get(0);
        assertEquals(new TokenEvent.Erc20Transfer(TOKEN, ALICE, BOB, UInt256.valueOf(40)), log.event());
        AssetChanges assets = result.assetChanges();
        Asset token = new Asset(Asset.AssetKind.ERC20, TOKEN, null);
        assertEquals(List.of(new AssetChanges.NetChange(token, BigInteger.valueOf(-40))), assets.byAddress().get(ALICE));
        assertEquals(List.of(new AssetChanges.NetChange(token, BigInteger.valueOf(40))), assets.byAddress().get(BOB));
    }

    @Test
    void aRunWithoutTracersLeavesTheirReportsOutAndRunsTheSame() {
        var call = Fixture.call(ALICE, TOKEN, 100_000, 0, Fixture.transferCall(BOB, 40));
        TransactionSimulation traced = single(SimulationOptions.calls(), Map.of(), BlockOverrides.NONE, call);
        TransactionSimulation bare = single(SimulationOptions.calls().withTracers(false, false), Map.of(),
                BlockOverrides.NONE, call);
        assertEquals(traced.status(), bare.status());
        assertEquals(traced.result().gasUsed(), bare.result().gasUsed());
        assertEquals(1, bare.logs().size(), "logs come from the engine, not a tracer");
        assertEquals(traced.logs().getFirst().event(), bare.logs().getFirst().event());
        assertEquals(traced.gas().intrinsic(), bare.gas().intrinsic());
        assertEquals(List.of(), bare.gas().frames(), "the gas per frame comes from the call tracer");
        assertNull(bare.callTree());
        assertNull(bare.assetChanges());
        assertNull(bare.prestate());
        assertNull(bare.stateDiff());
        assertFalse(traced.gas().frames().isEmpty());

        TransactionSimulation calls = single(SimulationOptions.calls().withTracers(true, false), Map.of(),
                BlockOverrides.NONE, call);
        assertEquals(traced.callTree().gasUsed(), calls.callTree().gasUsed());
        assertEquals(traced.assetChanges(), calls.assetChanges());
        assertNull(calls.stateDiff());
        TransactionSimulation prestate = single(SimulationOptions.calls().withTracers(false, true), Map.of(),
                BlockOverrides.NONE, call);
        assertEquals(traced.stateDiff(), prestate.stateDiff());
        assertNull(prestate.callTree());
    }

    @Test
    void etherMovedByInternalCallsAndFeesWhenAsked() {
        // the router forwards 60 of the 100 wei it receives to BOB
        fixture.world.put(ROUTER, 1, UInt256.ZERO, Asm.code().op(PUSH0, PUSH0, PUSH0, PUSH0).push(60).push(BOB)
                .op(GAS, CALL, STOP).bytes(), Map.of());
        var tx = Fixture.signed(ALICE, ROUTER, 0, 100_000, 100, new byte[0], 10, 3);
        TransactionSimulation result = single(SimulationOptions.bundle().withFeesInAssetChanges(true), Map.of(),
                BlockOverrides.NONE, tx);
        long gasUsed = result.result().gasUsed();
        Map<Address, List<AssetChanges.NetChange>> byAddress = result.assetChanges().byAddress();
        assertEquals(BigInteger.valueOf(-100 - 10 * gasUsed), byAddress.get(ALICE).get(0).delta());
        assertEquals(BigInteger.valueOf(40), byAddress.get(ROUTER).get(0).delta());
        assertEquals(BigInteger.valueOf(60), byAddress.get(BOB).get(0).delta());
        assertEquals(BigInteger.valueOf(3 * gasUsed), byAddress.get(COINBASE).get(0).delta());
        assertEquals(UInt256.valueOf(10), result.effectiveGasPrice());
        assertEquals(UInt256.valueOf(3 * gasUsed), result.priorityFee());
    }

    @Test
    void withoutValidationNonceFeeCapsAndCodeAtTheSenderAreNotChecked() {
        var tx = Fixture.call(TOKEN, BOB, 50_000, 0, new byte[0]); // the token contract as sender, nonce 0 != 1
        TransactionSimulation unchecked = single(SimulationOptions.calls(), Map.of(), BlockOverrides.NONE, tx);
        assertEquals(SimulationStatus.SUCCESS, unchecked.status());
        assertEquals(UInt256.ZERO, unchecked.effectiveGasPrice(), "no fee fields: no fee despite a base fee of 7");
        TransactionSimulation checked = single(SimulationOptions.bundle(), Map.of(), BlockOverrides.NONE, tx);
        assertEquals(SimulationStatus.INVALID, checked.status());
        assertEquals(InvalidReason.NONCE_TOO_LOW, checked.result().invalid(), "the nonce first, as geth's preCheck");
        var unpaying = Fixture.signed(TOKEN, BOB, 1, 50_000, 0, new byte[0], 0, 0);
        assertEquals(InvalidReason.FEE_CAP_BELOW_BASE_FEE,
                single(SimulationOptions.bundle(), Map.of(), BlockOverrides.NONE, unpaying).result().invalid());
        var paying = Fixture.signed(TOKEN, BOB, 0, 50_000, 0, new byte[0], 20, 1);
        assertEquals(InvalidReason.NONCE_TOO_LOW,
                single(SimulationOptions.bundle(), Map.of(), BlockOverrides.NONE, paying).result().invalid());
    }

    @Test
    void stopsAtTheFirstRevertWhenAsked() {
        var revert = Fixture.call(ALICE, Fixture.REVERTER, 50_000, 0, new byte[0]);
        var after = Fixture.call(ALICE, BOB, 50_000, 0, new byte[0]);
        BlockSimulation stopping = fixture.simulator(SimulationOptions.calls().withStopAtFirstFailure(true))
                .runBlock(fixture.block, List.of(revert, after));
        assertEquals(SimulationStatus.REVERTED, stopping.stoppedBy());
        assertEquals("not allowed", stopping.transactions().get(0).revertReason().text());
        assertEquals(SimulationStatus.SKIPPED, stopping.transactions().get(1).status());
        BlockSimulation going = fixture.simulator(SimulationOptions.calls()).runBlock(fixture.block,
                List.of(revert, after));
        assertEquals(SimulationStatus.SUCCESS, going.transactions().get(1).status());
    }

    @Test
    void gasCapLowersUncheckedCallsAndRefusesSignedTransactions() {
        var call = Fixture.call(ALICE, BOB, 1_000_000, 0, new byte[0]);
        BlockSimulation lowered = fixture.simulator(SimulationOptions.calls().withGasCap(30_000))
                .runBlock(fixture.block, List.of(call, call));
        assertEquals(30_000, lowered.transactions().get(0).transaction().gasLimit());
        assertEquals(SimulationStatus.SUCCESS, lowered.transactions().get(0).status());
        assertEquals(SimulationStatus.GAS_CAP_EXCEEDED, lowered.transactions().get(1).status(),
                "9,000 left is below the intrinsic 21,000");
        var signed = Fixture.signed(ALICE, BOB, 0, 1_000_000, 0, new byte[0], 10, 1);
        BlockSimulation refused = fixture.simulator(SimulationOptions.bundle().withGasCap(30_000))
                .runBlock(fixture.block, List.of(signed));
        assertEquals(SimulationStatus.GAS_CAP_EXCEEDED, refused.stoppedBy());
        assertNull(refused.transactions().get(0).result());
    }

    @Test
    void aRunawayLoopEndsAtTheDeadlineWithAClearStatus() {
        fixture.world.put(ROUTER, 1, UInt256.ZERO, Asm.of(JUMPDEST, PUSH0, JUMP), Map.of());
        AtomicLong now = new AtomicLong();
        // every clock read advances a millisecond: the 5 ms limit passes after a few checks
        Simulator simulator = new Simulator(fixture.world, fixture.codeCache, fixture.rules,
                SimulationOptions.calls().withTimeLimit(Duration.ofMillis(5)), () -> now.addAndGet(1_000_000));
        var loop = Fixture.call(ALICE, ROUTER, 30_000_000, 0, new byte[0]);
        BlockSimulation result = simulator.runBlock(fixture.block, List.of(loop, loop));
        assertEquals(SimulationStatus.TIME_LIMIT_EXCEEDED, result.transactions().get(0).status());
        assertEquals(SimulationStatus.TIME_LIMIT_EXCEEDED, result.stoppedBy());
        assertEquals(SimulationStatus.SKIPPED, result.transactions().get(1).status());
        assertEquals(SimulationStatus.SKIPPED,
                simulator.runBlock(fixture.block, List.of(loop)).transactions().get(0).status(),
                "a stopped simulation runs nothing more");
    }

    @Test
    void stateOverridesSetBalanceNonceCodeAndStorage() {
        Address fresh = Address.fromLong(0xf1);
        // returns SLOAD(0) + SLOAD(1) and its own balance
        byte[] code = Asm.code().op(PUSH0, SLOAD).push(1).op(SLOAD, ADD, PUSH0, MSTORE, SELFBALANCE).push(32)
                .op(MSTORE).push(64).op(PUSH0, RETURN).bytes();
        fixture.world.put(fresh, 1, UInt256.ZERO, new byte[0], Map.of(UInt256.ZERO, UInt256.valueOf(5),
                UInt256.ONE, UInt256.valueOf(6)));
        var read = Fixture.call(ALICE, fresh, 100_000, 0, new byte[0]);
        var diffOverride = new AccountOverride(UInt256.valueOf(77), 9L, code, null,
                Map.of(UInt256.ONE, UInt256.valueOf(10)), null);
        TransactionSimulation kept = single(SimulationOptions.calls(), Map.of(fresh, diffOverride),
                BlockOverrides.NONE, read);
        assertEquals(UInt256.valueOf(15), UInt256.fromBytes(kept.result().output(), 0, 32), "5 kept + 10 set");
        assertEquals(UInt256.valueOf(77), UInt256.fromBytes(kept.result().output(), 32, 32));
        var fullOverride = new AccountOverride(null, null, code, Map.of(UInt256.ONE, UInt256.valueOf(10)), null,
                null);
        TransactionSimulation replaced = single(SimulationOptions.calls(), Map.of(fresh, fullOverride),
                BlockOverrides.NONE, read);
        assertEquals(UInt256.valueOf(10), UInt256.fromBytes(replaced.result().output(), 0, 32), "slot 0 cleared");
        AccountSnapshot pre = replaced.prestate().get(fresh);
        assertEquals(UInt256.ZERO, pre.storage().get(UInt256.ZERO), "the prestate shows the overridden state");
        assertThrows(InvalidOverrideException.class, () -> single(SimulationOptions.calls(),
                Map.of(fresh, new AccountOverride(null, null, null, Map.of(), Map.of(), null)),
                BlockOverrides.NONE, read));
    }

    @Test
    void movedPrecompileAnswersAtItsNewAddress() {
        Address target = Address.fromLong(0x1234);
        Address identity = Address.fromLong(4);
        byte[] input = {1, 2, 3};
        var atTarget = Fixture.call(ALICE, target, 100_000, 0, input);
        var atOrigin = Fixture.call(ALICE, identity, 100_000, 0, input);
        Map<Address, AccountOverride> move = Map.of(identity,
                new AccountOverride(null, null, null, null, null, target));
        BlockSimulation result = fixture.simulator(SimulationOptions.calls())
                .runBlock(fixture.block, BlockOverrides.NONE, move, List.of(atTarget, atOrigin), r -> { });
        assertEquals(List.of(1, 2, 3), bytes(result.transactions().get(0).result().output()));
        assertEquals(0, result.transactions().get(1).result().output().length, "no code at 0x04 any more");
        InvalidOverrideException self = assertThrows(InvalidOverrideException.class, () -> single(
                SimulationOptions.calls(), Map.of(identity, new AccountOverride(null, null, null, null, null, identity)),
                BlockOverrides.NONE, atOrigin));
        assertEquals(-38022, self.problem().rpcCode());
        assertThrows(InvalidOverrideException.class, () -> single(SimulationOptions.calls(),
                Map.of(BOB, new AccountOverride(null, null, null, null, null, target)), BlockOverrides.NONE, atOrigin));
    }

    private static List<Integer> bytes(byte[] data) {
        return java.util.stream.IntStream.range(0, data.length).mapToObj(i -> (int) data[i]).toList();
    }

    @Test
    void blockOverridesReachTheBlockOpcodes() {
        fixture.world.put(ROUTER, 1, UInt256.ZERO, Asm.code().op(NUMBER, PUSH0, MSTORE, TIMESTAMP).push(32)
                .op(MSTORE, io.evmsim.evm.opcode.Opcodes.COINBASE).push(64).op(MSTORE, BASEFEE).push(96).op(MSTORE).push(128).op(PUSH0, RETURN)
                .bytes(), Map.of());
        BlockOverrides overrides = new BlockOverrides(999L, 12345L, UInt256.ZERO, BOB, null, null, null);
        TransactionSimulation result = single(SimulationOptions.calls(), Map.of(), overrides,
                Fixture.call(ALICE, ROUTER, 100_000, 0, new byte[0]));
        byte[] out = result.result().output();
        assertEquals(UInt256.valueOf(999), UInt256.fromBytes(out, 0, 32));
        assertEquals(UInt256.valueOf(12345), UInt256.fromBytes(out, 32, 32));
        assertEquals(BOB.toWord(), UInt256.fromBytes(out, 64, 32));
        assertEquals(UInt256.ZERO, UInt256.fromBytes(out, 96, 32));
    }

    @Test
    void gasReportSplitsIntrinsicGasAndRefunds() {
        // clears ALICE's token slot: a refund
        var tx = Fixture.call(ALICE, TOKEN, 100_000, 0, Fixture.transferCall(BOB, 1000));
        TransactionSimulation result = single(SimulationOptions.calls(), Map.of(), BlockOverrides.NONE, tx);
        GasReport gas = result.gas();
        assertEquals(21_000, gas.intrinsic().base());
        long nonZero = java.util.stream.IntStream.range(0, 64).filter(i -> tx.data()[i] != 0).count();
        assertEquals(16 * nonZero + 4 * (64 - nonZero), gas.intrinsic().calldata());
        assertEquals(0, gas.intrinsic().creation());
        assertEquals(4800, gas.refundCounter());
        assertEquals(Math.min(4800, gas.refundCap()), gas.refund());
        assertEquals(gas.intrinsic().total() + gas.execution() - gas.refund(), gas.gasUsed());
        assertFalse(gas.floorApplied());
        assertTrue(result.stateDiff().post().get(TOKEN).storage().get(ALICE.toWord()) == null,
                "a slot that became zero is left out of post");
        assertEquals(UInt256.valueOf(1000), result.stateDiff().pre().get(TOKEN).storage().get(ALICE.toWord()));
    }

    @Test
    void withValidationInsufficientFundsIsInvalid() {
        var tx = Fixture.signed(BOB, ALICE, 0, 21_000, 0, new byte[0], 10, 1);
        assertEquals(InvalidReason.INSUFFICIENT_FUNDS, single(new SimulationOptions(Validation.ENFORCED, false, 0,
                null, null, false), Map.of(), BlockOverrides.NONE, tx).result().invalid());
    }
}
