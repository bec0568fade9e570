package io.evmsim.api.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evmsim.common.simulation.SimulationEvent;
import io.evmsim.common.simulation.SimulationEvent.EventType;
import io.evmsim.common.simulation.SimulationKind;
import org.junit.jupiter.api.Test;

class ReportedGasTest {
    @Test
    void aSingleTransactionIsItsGasUsedNotItsLimitNorItsFramesGas() {
        assertEquals(21_000, ReportedGas.of(summary("""
                {"id":"x","gasLimit":16777216,"gasUsed":21000,"gas":{"frames":[{"gas":16777216,"gasUsed":21000}]},
                 "callTree":{"gasUsed":21000}}""")));
    }

    @Test
    void aBundleIsItsTotalWhereverTheFieldStands() {
        assertEquals(42_000, ReportedGas.of(summary("{\"gasUsed\":7,\"totalGasUsed\":42000}")));
        assertEquals(42_000, ReportedGas.of(summary("{\"totalGasUsed\":42000,\"gasUsed\":7}")));
    }

    @Test
    void jsonRpcAnswersAreTheirQuantitiesAndBlocksAreSummed() {
        assertEquals(0x5208, ReportedGas.of(summary("{\"type\":\"CALL\",\"gasUsed\":\"0x5208\",\"calls\":[]}")));
        assertEquals(0x5208 + 0x10, ReportedGas.of(summary("""
                [{"number":"0x1","gasUsed":"0x5208","calls":[{"gasUsed":"0x5208"}]},{"gasUsed":"0x10"}]""")));
        assertEquals(0, ReportedGas.of(summary("\"0x000000000000000000000000000000000000000000000000000000000000002a\"")));
    }

    @Test
    void errorsTransactionsAndUnreadableAnswersChargeNothing() {
        assertEquals(0, ReportedGas.of(new SimulationEvent("id", null, 0, EventType.ERROR, null, "error",
                "{\"gasUsed\":5}", SimulationKind.SINGLE, 0)));
        assertEquals(0, ReportedGas.of(new SimulationEvent("id", null, 0, EventType.TRANSACTION, 0, "success",
                "{\"gasUsed\":5}", SimulationKind.BUNDLE, 0)), "a bundle's transactions are in its summary's total");
        assertEquals(0, ReportedGas.of(summary("{\"gasUsed\":")));
        assertEquals(0, ReportedGas.of(summary("{\"gasUsed\":\"0x1ffffffffffffffff\"}")), "past a long");
    }

    private static SimulationEvent summary(String payload) {
        return new SimulationEvent("id", null, 0, EventType.SUMMARY, null, "success", payload, SimulationKind.SINGLE, 0);
    }
}
