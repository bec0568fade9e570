package io.evmsim.evm.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A call on the settled state sees what the transactions left, reads what they did not load from the
 * same source, and changes nothing of the simulation's own state.
 */
class SettledStateTest {
    private static final Address TOKEN = Address.fromLong(0x70c);
    private static final Address HOLDER = Address.fromLong(0xa11ce);
    private static final byte[] CODE = {0x60, 0x00};

    @Test
    void aCallSeesTheSimulationsChangesAndLeavesThemAlone() {
        InMemoryWorldState world = new InMemoryWorldState();
        world.put(TOKEN, 1, UInt256.ZERO, CODE, Map.of(UInt256.ONE, UInt256.valueOf(7), UInt256.valueOf(2),
                UInt256.valueOf(9)));
        CodeCache codes = new CodeCache(16);
        JournaledState simulation = new JournaledState(world, codes);
        Account token = simulation.account(TOKEN);
        simulation.setStorage(simulation.slot(token, UInt256.ONE), UInt256.valueOf(8));
        simulation.setBalance(simulation.account(HOLDER), UInt256.valueOf(5));
        simulation.finishTransaction();

        SettledState settled = new SettledState(simulation);
        assertEquals(UInt256.valueOf(8), settled.storage(TOKEN, UInt256.ONE), "the simulation's write");
        assertEquals(UInt256.valueOf(9), settled.storage(TOKEN, UInt256.valueOf(2)), "read from the source");
        assertEquals(UInt256.valueOf(5), settled.account(HOLDER).balance());
        assertArrayEquals(CODE, settled.code(TOKEN, settled.account(TOKEN).codeHash()));
        assertNull(settled.account(Address.fromLong(0xdead)), "an account that does not exist");
        assertFalse(settled.account(TOKEN).storageEmpty());

        JournaledState call = new JournaledState(settled, codes);
        call.setStorage(call.slot(call.account(TOKEN), UInt256.ONE), UInt256.valueOf(100));
        assertEquals(UInt256.valueOf(8), simulation.slot(simulation.account(TOKEN), UInt256.ONE).current(),
                "a call's write stays in the call");
        assertTrue(simulation.isLoaded(HOLDER));
        assertFalse(simulation.isLoaded(Address.fromLong(0xbeef)));
    }
}
