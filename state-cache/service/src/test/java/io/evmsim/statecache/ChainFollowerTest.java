package io.evmsim.statecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.simulation.StateProvenance;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.testsupport.Anvil;
import io.evmsim.testsupport.RpcProxy;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChainFollowerTest {
    private static TokenChain chain;
    private static RpcProxy proxy;

    @BeforeAll
    static void start() {
        chain = new TokenChain(Anvil.start(), 3);
        proxy = RpcProxy.start(chain.anvil.url());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        chain.close();
    }

    private Map<Address, Set<UInt256>> readSet() {
        Set<UInt256> slots = new LinkedHashSet<>(List.of(TokenChain.TOTAL_SUPPLY_SLOT,
                TokenChain.balanceSlot(TokenChain.deployer())));
        chain.holders.forEach(holder -> slots.add(TokenChain.balanceSlot(holder)));
        Map<Address, Set<UInt256>> wanted = new LinkedHashMap<>();
        wanted.put(chain.token, slots);
        wanted.put(TokenChain.deployer(), Set.of());
        wanted.put(chain.holders.get(1), Set.of());
        return wanted;
    }

    @Test
    void hotStateIsCarriedToTheNextBlockFromItsStateDiff() {
        Components parts = new Components(proxy.url());
        BlockHeader parent = parts.blocks.resolve("latest");
        parts.follower.follow(parent);
        parts.reader.read(parent, readSet());

        chain.anvil.transact(chain.token.toString(), TokenChain.transferCall(chain.holders.getFirst(), UInt256.valueOf(11)));
        BlockHeader child = parts.blocks.resolve("latest");
        parts.follower.follow(child);
        assertEquals(1L, parts.follower.status().get("carriedBlocks"));

        proxy.resetCounts();
        List<AccountData> read = parts.postgresOnly().read(child, readSet());
        // The token's storage root changed, so only its account is fetched again, without any slot.
        assertEquals(Map.of("eth_getProof", 1), proxy.callsByMethod());
        String at = "0x" + Long.toHexString(child.number());
        for (AccountData account : read) {
            String address = account.address().toString();
            assertEquals(UInt256.parse(chain.anvil.rpc().callText("eth_getBalance", address, at)), account.balance());
            assertEquals(Long.decode(chain.anvil.rpc().callText("eth_getTransactionCount", address, at)), account.nonce());
            account.slots().forEach((slot, value) -> assertEquals(UInt256.parse(chain.anvil.rpc().callText(
                    "eth_getStorageAt", address, slot.toQuantity(), at)), value, address + " slot " + slot));
        }
        assertTrue(read.getFirst().slots().containsValue(UInt256.valueOf(1011)), "holder 1's new balance is carried");
        // what was carried says so; the token's account, fetched again with its proof, is proven
        assertNull(read.getFirst().unproven().account());
        read.getFirst().slots().keySet().forEach(slot -> assertEquals(StateProvenance.CARRIED,
                read.getFirst().unproven().slot(slot), "slot " + slot));
        assertEquals(StateProvenance.CARRIED, read.get(1).unproven().account(), "the deployer's row was carried");
        assertEquals(StateProvenance.CARRIED, read.get(2).unproven().account());
        assertNull(parts.reader.read(parent, readSet()).getFirst().unproven(), "at the parent, all was proven");
    }

    @Test
    void anUpstreamWithoutStateDiffsIsReportedAndBlocksAreCachedOnTheirOwn() {
        Components parts = new Components(proxy.url());
        proxy.rewriteResponses((request, response) -> request.contains("debug_traceBlockByHash")
                ? "{\"jsonrpc\":\"2.0\",\"id\":" + request.replaceAll(".*\"id\":(\\d+).*", "$1")
                        + ",\"error\":{\"code\":-32601,\"message\":\"the method debug_traceBlockByHash does not exist\"}}"
                : response);
        try {
            parts.follower.follow(parts.blocks.resolve("latest"));
            chain.anvil.rpc().call("evm_mine");
            parts.follower.follow(parts.blocks.resolve("latest"));
        } finally {
            proxy.clearFaults();
        }
        String diffs = (String) parts.follower.status().get("stateDiffs");
        assertTrue(diffs.startsWith("unavailable") && diffs.contains("-32601"), diffs);
        assertEquals(0L, parts.follower.status().get("carriedBlocks"));
    }
}
