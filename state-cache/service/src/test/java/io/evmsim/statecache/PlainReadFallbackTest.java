package io.evmsim.statecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.testsupport.Anvil;
import io.evmsim.testsupport.RpcProxy;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlainReadFallbackTest {
    @Test
    void aNodeWithoutEthGetProofIsReadWithPlainCallsInOneBatch() {
        try (Anvil anvil = Anvil.start(); RpcProxy proxy = RpcProxy.start(anvil.url())) {
            proxy.rewriteResponses((request, response) -> request.contains("eth_getProof")
                    ? "[{\"jsonrpc\":\"2.0\",\"id\":" + request.replaceAll(".*\"id\":(\\d+).*", "$1")
                            + ",\"error\":{\"code\":-32601,\"message\":\"the method eth_getProof does not exist\"}}]"
                    : response);
            Components parts = new Components(proxy.url());
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
        }
    }
}
