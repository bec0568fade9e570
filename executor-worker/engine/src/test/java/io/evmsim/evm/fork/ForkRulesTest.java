package io.evmsim.evm.fork;

import static io.evmsim.evm.fork.Fork.CANCUN;
import static io.evmsim.evm.fork.Fork.OSAKA;
import static io.evmsim.evm.fork.Fork.PRAGUE;
import static io.evmsim.evm.opcode.Opcodes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.types.Address;
import io.evmsim.evm.opcode.InstructionSet;
import io.evmsim.evm.precompile.Blake2F;
import io.evmsim.evm.precompile.KzgPointEvaluation;
import io.evmsim.evm.precompile.ModExp;
import io.evmsim.evm.precompile.P256Verify;
import io.evmsim.evm.precompile.Precompile;
import io.evmsim.evm.precompile.bls12381.Bls12G1Add;
import io.evmsim.evm.precompile.bls12381.Bls12MapFp2ToG2;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What each fork is, read as its EIPs state it. */
class ForkRulesTest {

    private static ForkRules rules(Fork fork) {
        return ForkRules.forFork(fork);
    }

    private static Precompile precompile(Fork fork, long address) {
        return rules(fork).precompiles().get(Address.fromLong(address));
    }

    // ---- opcodes -------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Fork.class)
    void cancunOpcodesAreInEveryFork(Fork fork) {
        ForkRules rules = rules(fork);
        assertTrue(rules.hasOpcode(TLOAD) && rules.hasOpcode(TSTORE), "EIP-1153");
        assertTrue(rules.hasOpcode(MCOPY), "EIP-5656");
        assertTrue(rules.hasOpcode(BLOBHASH), "EIP-4844");
        assertTrue(rules.hasOpcode(BLOBBASEFEE), "EIP-7516");
        assertTrue(rules.hasOpcode(PUSH0), "EIP-3855, Shanghai");
        assertEquals(100, rules.instructions().staticGas(TLOAD));
        assertEquals(100, rules.instructions().staticGas(TSTORE));
        assertEquals(3, rules.instructions().staticGas(MCOPY));
        assertEquals(3, rules.instructions().staticGas(BLOBHASH));
        assertEquals(2, rules.instructions().staticGas(BLOBBASEFEE));
    }

    @Test
    void clzOnlyFromOsaka() {
        assertFalse(rules(CANCUN).hasOpcode(CLZ));
        assertFalse(rules(PRAGUE).hasOpcode(CLZ));
        assertTrue(rules(OSAKA).hasOpcode(CLZ), "EIP-7939");
        assertEquals(5, rules(OSAKA).instructions().staticGas(CLZ));
        assertThrows(IllegalArgumentException.class, () -> rules(PRAGUE).instructions().staticGas(CLZ));
    }

    @ParameterizedTest
    @EnumSource(Fork.class)
    void undefinedBytesAreInNoFork(Fork fork) {
        for (int op : new int[] {0x0c, 0x21, 0x4b, 0xa5, 0xef, 0xfc}) {
            assertFalse(rules(fork).hasOpcode(op), Integer.toHexString(op));
        }
    }

    @Test
    void instructionSetsDifferOnlyByTheForksOpcodes() {
        InstructionSet cancun = rules(CANCUN).instructions();
        assertEquals(cancun, rules(PRAGUE).instructions(), "Prague adds no opcode and reprices none");
        assertEquals(cancun.with(CLZ, 5), rules(OSAKA).instructions());
        assertEquals(InstructionSet.shanghai().with(TLOAD, 100).with(TSTORE, 100).with(MCOPY, 3).with(BLOBHASH, 3)
                .with(BLOBBASEFEE, 2), cancun);
    }

    // ---- precompiles ---------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Fork.class)
    void precompilesOneToTenInEveryFork(Fork fork) {
        for (long address = 0x01; address <= 0x0a; address++) {
            assertTrue(rules(fork).precompiles().containsKey(Address.fromLong(address)), "0x" + address);
        }
        assertInstanceOf(KzgPointEvaluation.class, precompile(fork, 0x0a), "EIP-4844");
        assertEquals(1, ((Blake2F) precompile(fork, 0x09)).gasPerRound(), "EIP-152");
    }

    @Test
    void blsFromPrague() {
        assertEquals(10, rules(CANCUN).precompiles().size());
        for (Fork fork : new Fork[] {PRAGUE, OSAKA}) {
            assertInstanceOf(Bls12G1Add.class, precompile(fork, 0x0b), "EIP-2537");
            assertInstanceOf(Bls12MapFp2ToG2.class, precompile(fork, 0x11), "EIP-2537");
            assertNull(precompile(fork, 0x12));
        }
        assertEquals(17, rules(PRAGUE).precompiles().size());
    }

    @Test
    void p256VerifyFromOsaka() {
        assertNull(precompile(CANCUN, 0x100));
        assertNull(precompile(PRAGUE, 0x100));
        assertInstanceOf(P256Verify.class, precompile(OSAKA, 0x100), "EIP-7951");
        assertEquals(18, rules(OSAKA).precompiles().size());
    }

    @Test
    void modExpPricingAndBoundsPerFork() {
        for (Fork fork : new Fork[] {CANCUN, PRAGUE}) {
            ModExp modExp = (ModExp) precompile(fork, 0x05);
            assertEquals(ModExp.Pricing.EIP_2565, modExp.pricing());
            assertEquals(ModExp.LengthLimit.NONE, modExp.lengthLimit());
        }
        ModExp osaka = (ModExp) precompile(OSAKA, 0x05);
        assertEquals(ModExp.Pricing.EIP_7883, osaka.pricing());
        assertEquals(ModExp.LengthLimit.EIP_7823, osaka.lengthLimit());
    }

    @Test
    void precompileSetsCannotBeChangedInPlace() {
        Map<Address, Precompile> set = rules(OSAKA).precompiles();
        assertThrows(UnsupportedOperationException.class, () -> set.remove(Address.fromLong(1)));
    }

    // ---- transaction rules ---------------------------------------------------------------------

    @Test
    void setCodeTransactionsAndTheirCostsFromPrague() {
        ForkRules cancun = rules(CANCUN);
        assertFalse(cancun.setCodeTransactions());
        assertEquals(0, cancun.gas().cost(GasCost.AUTH_PER_EMPTY_ACCOUNT));
        for (Fork fork : new Fork[] {PRAGUE, OSAKA}) {
            assertTrue(rules(fork).setCodeTransactions(), "EIP-7702");
            assertEquals(25_000, rules(fork).gas().cost(GasCost.AUTH_PER_EMPTY_ACCOUNT));
            assertEquals(12_500, rules(fork).gas().cost(GasCost.AUTH_BASE));
        }
    }

    @Test
    void calldataFloorFromPrague() {
        assertFalse(rules(CANCUN).calldataFloor());
        for (Fork fork : new Fork[] {PRAGUE, OSAKA}) {
            assertTrue(rules(fork).calldataFloor(), "EIP-7623");
            assertEquals(10, rules(fork).gas().cost(GasCost.CALLDATA_FLOOR_PER_TOKEN));
        }
        ForkRules withoutFloor = rules(PRAGUE).withoutCalldataFloor();
        assertFalse(withoutFloor.calldataFloor());
        assertEquals(PRAGUE, withoutFloor.fork());
    }

    @Test
    void gasCapAndBlobsPerTransactionFromOsaka() {
        for (Fork fork : new Fork[] {CANCUN, PRAGUE}) {
            assertEquals(Long.MAX_VALUE, rules(fork).transactionGasCap());
            assertEquals(Integer.MAX_VALUE, rules(fork).maxBlobsPerTransaction());
        }
        assertEquals(16_777_216, rules(OSAKA).transactionGasCap(), "EIP-7825");
        assertEquals(6, rules(OSAKA).maxBlobsPerTransaction(), "EIP-7594");
    }

    @ParameterizedTest
    @EnumSource(Fork.class)
    void codeSizeLimits(Fork fork) {
        assertEquals(24_576, rules(fork).maxCodeSize(), "EIP-170");
        assertEquals(49_152, rules(fork).maxInitcodeSize(), "EIP-3860");
    }

    // ---- gas constants and blob parameters -------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Fork.class)
    void gasConstantsNoSupportedForkReprices(Fork fork) {
        GasSchedule gas = rules(fork).gas();
        assertEquals(21_000, gas.cost(GasCost.TX_BASE));
        assertEquals(16, gas.cost(GasCost.TX_DATA_NONZERO_BYTE), "EIP-2028");
        assertEquals(2_600, gas.cost(GasCost.COLD_ACCOUNT_ACCESS), "EIP-2929");
        assertEquals(2_100, gas.cost(GasCost.COLD_SLOAD), "EIP-2929");
        assertEquals(100, gas.cost(GasCost.WARM_STORAGE_READ), "EIP-2929");
        assertEquals(2_900, gas.cost(GasCost.SSTORE_RESET), "EIP-2929");
        assertEquals(4_800, gas.cost(GasCost.SSTORE_CLEARS_REFUND), "EIP-3529");
        assertEquals(5, gas.cost(GasCost.REFUND_QUOTIENT), "EIP-3529");
        assertEquals(2_400, gas.cost(GasCost.ACCESS_LIST_ADDRESS), "EIP-2930");
        assertEquals(2, gas.cost(GasCost.INITCODE_WORD), "EIP-3860");
        assertEquals(50, gas.cost(GasCost.EXP_BYTE), "EIP-160");
        assertEquals(32_000, rules(fork).instructions().staticGas(CREATE));
        assertEquals(30, rules(fork).instructions().staticGas(KECCAK256));
        assertEquals(375, rules(fork).instructions().staticGas(LOG4));
        assertEquals(375, gas.cost(GasCost.LOG_TOPIC));
        assertEquals(8, gas.cost(GasCost.LOG_DATA_BYTE));
    }

    @Test
    void defaultBlobSchedules() {
        assertEquals(new BlobSchedule(3, 6, 3_338_477), rules(CANCUN).blobSchedule(), "EIP-4844");
        assertEquals(new BlobSchedule(6, 9, 5_007_716), rules(PRAGUE).blobSchedule(), "EIP-7691");
        assertEquals(rules(PRAGUE).blobSchedule(), rules(OSAKA).blobSchedule(), "Osaka keeps Prague's");
    }

    @Test
    void aChainsBlobScheduleReplacesOnlyTheBlobParameters() {
        BlobSchedule bpo2 = new BlobSchedule(14, 21, 11_684_671);
        ForkRules osaka = rules(OSAKA);
        ForkRules withSchedule = osaka.withBlobSchedule(bpo2);
        assertEquals(bpo2, withSchedule.blobSchedule());
        assertEquals(OSAKA, withSchedule.fork());
        assertSame(osaka.instructions(), withSchedule.instructions(), "no instruction table rebuilt per block");
        assertSame(osaka.precompiles(), withSchedule.precompiles());
        assertSame(osaka.gas(), withSchedule.gas());
        assertEquals(new BlobSchedule(6, 9, 5_007_716), osaka.blobSchedule(), "the fork's own is untouched");
    }

    // ---- writing a fork --------------------------------------------------------------------------

    @Test
    void aDeltaMakesNewRulesAndLeavesTheForkAlone() {
        ForkRules repriced = rules(OSAKA).withGas(GasCost.COLD_SLOAD, 4_000).withOpcode(ADD, 2);
        assertEquals(4_000, repriced.gas().cost(GasCost.COLD_SLOAD));
        assertEquals(2, repriced.instructions().staticGas(ADD));
        assertEquals(2_100, rules(OSAKA).gas().cost(GasCost.COLD_SLOAD));
        assertEquals(3, rules(OSAKA).instructions().staticGas(ADD));
    }

    @Test
    void malformedDeltasAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> rules(OSAKA).next(PRAGUE), "forks only move forward");
        assertThrows(IllegalArgumentException.class, () -> rules(OSAKA).withOpcode(0x0c, 3), "no such opcode");
        assertThrows(IllegalArgumentException.class, () -> rules(OSAKA).withOpcode(ADD, -1));
        assertThrows(IllegalArgumentException.class, () -> rules(OSAKA).withGas(GasCost.COLD_SLOAD, -1));
        assertThrows(IllegalArgumentException.class, () -> rules(OSAKA).withGas(GasCost.REFUND_QUOTIENT, 0));
        assertThrows(IllegalArgumentException.class, () -> GasSchedule.of(Map.of(GasCost.TX_BASE, 21_000L)),
                "a schedule must name every cost");
    }
}
