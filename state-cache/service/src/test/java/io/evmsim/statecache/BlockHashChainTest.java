package io.evmsim.statecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.types.Hash;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.upstream.UpstreamException;
import io.evmsim.testsupport.Anvil;
import io.evmsim.testsupport.RpcProxy;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * BLOCKHASH values come from the headers linked to the pinned block by parent hashes: a node answering a block
 * of another branch, by number or in place of a parent, does not slip its hash in.
 */
class BlockHashChainTest {
    @Test
    void anAncestorIsFoundByParentHashesAndABlockOfAnotherBranchIsRefused() {
        try (Anvil anvil = Anvil.start(); RpcProxy proxy = RpcProxy.start(anvil.url())) {
            anvil.rpc().call("evm_mine");
            String snapshot = anvil.rpc().callText("evm_snapshot");
            anvil.rpc().call("evm_mine");
            JsonNode orphan = anvil.rpc().call("eth_getBlockByNumber", "latest", false);
            anvil.rpc().call("evm_revert", snapshot);
            anvil.rpc().call("evm_setNextBlockTimestamp", "0x" + Long.toHexString(
                    Long.decode(orphan.get("timestamp").asString()) + 7));
            anvil.rpc().call("evm_mine");
            anvil.rpc().call("evm_mine");
            anvil.rpc().call("evm_mine");
            long forked = Long.decode(orphan.get("number").asString());
            String canonical = anvil.rpc().call("eth_getBlockByNumber", "0x" + Long.toHexString(forked), false)
                    .get("hash").asString();
            assertNotEquals(canonical, orphan.get("hash").asString(), "the fork made two blocks at " + forked);

            // the node answers the orphan for that number: BLOCKHASH does not ask by number
            proxy.rewriteResponses((request, response) -> request.contains("eth_getBlockByNumber")
                    && request.contains("\"0x" + Long.toHexString(forked) + "\"") ? withResult(request, orphan) : response);
            Components parts = new Components(proxy.url());
            BlockHeader pinned = parts.blocks.resolve("latest");
            assertEquals(Hash.fromHex(canonical), parts.blocks.ancestor(pinned.hash(), forked).hash());
            assertEquals(Hash.fromHex(orphan.get("hash").asString()),
                    parts.blocks.resolve(Long.toString(forked)).hash(), "a by-number lookup would have served it");

            // answered in place of the parent, a block of the other branch is refused
            proxy.rewriteResponses((request, response) -> request.contains("eth_getBlockByHash")
                    && request.contains(canonical) ? withResult(request, orphan) : response);
            Components fresh = new Components(proxy.url());
            BlockHeader head = fresh.blocks.byHash(pinned.hash());
            UpstreamException refused = assertThrows(UpstreamException.class,
                    () -> fresh.blocks.ancestor(head.hash(), forked - 1));
            assertTrue(refused.getMessage().contains("asked for block " + canonical), refused.getMessage());
            assertThrows(IllegalArgumentException.class, () -> fresh.blocks.ancestor(head.hash(), head.number()));
        }
    }

    /** The answer to a request of one call (alone or in a batch of one) with {@code block} as its result. */
    private static String withResult(String request, JsonNode block) {
        String answer = "{\"jsonrpc\":\"2.0\",\"id\":" + request.replaceAll("(?s).*\"id\":(\\d+).*", "$1")
                + ",\"result\":" + block + "}";
        return request.strip().startsWith("[") ? "[" + answer + "]" : answer;
    }
}
