package io.evmsim.statecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.simulation.StateProvenance;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.upstream.UpstreamException;
import io.evmsim.testsupport.Anvil;
import io.evmsim.testsupport.RpcProxy;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlainReadFallbackTest {
    private static final String NO_PROOFS = "{\"code\":-32601,\"message\":\"the method eth_getProof does not exist\"}";

    private static void refuseProofs(RpcProxy proxy, String error) {
        proxy.rewriteResponses((request, response) -> request.contains("eth_getProof")
                ? "[{\"jsonrpc\":\"2.0\",\"id\":" + request.replaceAll(".*\"id\":(\\d+).*", "$1")
                        + ",\"error\":" + error + "}]"
                : response);
    }

    @Test
    void aNodeWithoutEthGetProofIsReadWithPlainCallsInOneBatchWhenAllowedAndMarkedPlain() {
        try (Anvil anvil = Anvil.start(); RpcProxy proxy = RpcProxy.start(anvil.url())) {
            refuseProofs(proxy, NO_PROOFS);
            Components parts = new Components(proxy.url(), true);
            BlockHeader block = parts.blocks.resolve("latest");
            Address account = TokenChain.deployer();
            proxy.resetCounts();
            AccountData read = parts.reader.read(block, Map.of(account, Set.of(UInt256.ONE, UInt256.valueOf(2))))
                    .getFirst();

            assertEquals(2, proxy.requests(), "one refused eth_getProof batch, then one batch of plain calls");
            assertEquals(Map.of("eth_getProof", 1, "eth_getBalance", 1, "eth_getTransactionCount", 1,
                    "eth_getCode", 1, "eth_getStorageAt", 2), proxy.callsByMethod());
            assertEquals(UInt256.parse(anvil.rpc().callText("eth_getBalance", account.toString(), "latest")),
                    read.balance());
            assertNull(read.storageRoot(), "without proofs the storage root is unknown, not invented");
            assertFalse(parts.source.proofsSupported());
            assertEquals(UInt256.ZERO, read.slots().get(UInt256.ONE));
            assertEquals(new AccountData.Unproven(StateProvenance.PLAIN, Map.of(UInt256.ONE, StateProvenance.PLAIN,
                    UInt256.valueOf(2), StateProvenance.PLAIN)), read.unproven());
            assertEquals(StateProvenance.PLAIN, parts.source.serves());
            assertEquals(1.0, parts.meters.counter("evmsim.statecache.unproven.reads").count());
            assertEquals(StateCacheConfiguration.UNPROVEN, new StateCacheConfiguration()
                    .stateSourceHealthIndicator(parts.source).health().getStatus().getCode());

            AccountData again = parts.reader.read(block, Map.of(account, Set.of(UInt256.ONE))).getFirst();
            assertEquals(StateProvenance.PLAIN, again.unproven().account(), "the cached copy keeps its provenance");
            assertEquals(StateProvenance.PLAIN, again.unproven().slot(UInt256.ONE));
        }
    }

    @Test
    void aNodeWithoutEthGetProofIsRefusedByDefaultNamingTheSetting() {
        try (Anvil anvil = Anvil.start(); RpcProxy proxy = RpcProxy.start(anvil.url())) {
            refuseProofs(proxy, NO_PROOFS);
            Components parts = new Components(proxy.url());
            BlockHeader block = parts.blocks.resolve("latest");
            proxy.resetCounts();
            UpstreamException refused = assertThrows(UpstreamException.class,
                    () -> parts.reader.read(block, Map.of(TokenChain.deployer(), Set.of())));

            assertTrue(refused.getMessage().contains("has no eth_getProof (-32601")
                    && refused.getMessage().contains("statecache.upstream.allow-unproven-reads=true"), refused.getMessage());
            assertEquals(Map.of("eth_getProof", 1), proxy.callsByMethod(), "no plain call was made");
            assertTrue(parts.source.describe().contains("eth_getProof refused"), parts.source.describe());
            assertEquals(StateProvenance.PROVEN, parts.source.serves(), "nothing unproven is served");
            assertEquals("UP", new StateCacheConfiguration().stateSourceHealthIndicator(parts.source).health()
                    .getStatus().getCode());
        }
    }

    @Test
    void anotherErrorSayingNotFoundIsAFailureNotAMissingMethod() {
        try (Anvil anvil = Anvil.start(); RpcProxy proxy = RpcProxy.start(anvil.url())) {
            refuseProofs(proxy, "{\"code\":-32000,\"message\":\"unsupported: state of the block not found\"}");
            Components parts = new Components(proxy.url(), true);
            BlockHeader block = parts.blocks.resolve("latest");
            UpstreamException failed = assertThrows(UpstreamException.class,
                    () -> parts.reader.read(block, Map.of(TokenChain.deployer(), Set.of())));

            assertTrue(failed.getMessage().contains("state of the block not found"), failed.getMessage());
            assertTrue(parts.source.proofsSupported(), "a node that has eth_getProof is not switched to plain reads");
            assertEquals(0, proxy.callsByMethod().getOrDefault("eth_getBalance", 0));
        }
    }
}
