package io.evmsim.api.rpc;

import io.evmsim.api.request.JsonFields;
import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.statecache.client.StateCacheException;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read methods a client library calls before it simulates, answered from state-cache (state
 * proven against the block's state root there), not from the workers. A block or state that
 * cannot be had is an error, never a zero.
 */
final class StateReads {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final StateCacheClient client;

    StateReads(StateCacheClient client) {
        this.client = client;
    }

    JsonNode chainId(JsonNode raw) {
        Params.of(raw, 0);
        return quantity(header("latest").chainId());
    }

    JsonNode blockNumber(JsonNode raw) {
        Params.of(raw, 0);
        return quantity(header("latest").number());
    }

    JsonNode balance(JsonNode raw) {
        Params params = Params.of(raw, 2);
        return JSON.stringNode(account(params, Set.of()).balance().toQuantity());
    }

    JsonNode transactionCount(JsonNode raw) {
        Params params = Params.of(raw, 2);
        return quantity(account(params, Set.of()).nonce());
    }

    JsonNode code(JsonNode raw) {
        Params params = Params.of(raw, 2);
        AccountData account = account(params, Set.of());
        if (!account.exists() || Hash.EMPTY_CODE.equals(account.codeHash())) {
            return JSON.stringNode("0x");
        }
        byte[] code = unavailable(() -> client.code(Set.of(account.codeHash()))).get(account.codeHash());
        if (code == null) {
            throw new JsonRpcError(JsonRpcError.SERVER_ERROR, "state-cache returned no code for " + account.codeHash());
        }
        return JSON.stringNode(Hex.encode(code));
    }

    JsonNode storageAt(JsonNode raw) {
        Params params = Params.of(raw, 3);
        Address address = JsonFields.address(params.require(0), Params.path(0));
        UInt256 slot = JsonFields.quantity(params.require(1), Params.path(1));
        BlockHeader header = header(params.stateBlock(2));
        AccountData account = unavailable(() -> client.read(header, Map.of(address, Set.of(slot)))).getFirst();
        UInt256 value = account.exists() ? account.slots().get(slot) : UInt256.ZERO;
        if (value == null) {
            throw new JsonRpcError(JsonRpcError.SERVER_ERROR, "state-cache returned no value for slot " + slot);
        }
        return JSON.stringNode(Hex.encode(value.toBytes32()));
    }

    /**
     * The header fields state-cache keeps ({@link BlockHeader}); the block's transactions, gas used,
     * bloom and roots other than the state root are not kept there, so they are left out rather
     * than made up. Full transaction objects cannot be given.
     */
    JsonNode blockByNumber(JsonNode raw) {
        Params params = Params.of(raw, 2);
        String block = params.stateBlock(0);
        BlockHeader header;
        try {
            header = client.resolveBlock(block);
        } catch (StateCacheException e) {
            if (e.status() == 404) {
                return JSON.nullNode(); // eth_getBlockByNumber answers null for a block it does not have
            }
            throw unavailable(e);
        }
        ObjectNode node = JSON.objectNode();
        node.put("number", UInt256.valueOf(header.number()).toQuantity());
        node.put("hash", header.hash().toString());
        node.put("parentHash", header.parentHash().toString());
        node.put("stateRoot", header.stateRoot().toString());
        node.put("timestamp", UInt256.valueOf(header.timestamp()).toQuantity());
        node.put("baseFeePerGas", header.baseFee().toQuantity());
        node.put("gasLimit", UInt256.valueOf(header.gasLimit()).toQuantity());
        node.put("miner", header.coinbase().toString());
        node.put("mixHash", header.prevRandao().toString());
        node.put("excessBlobGas", UInt256.valueOf(header.excessBlobGas()).toQuantity());
        node.put("difficulty", "0x0");
        return node;
    }

    private AccountData account(Params params, Set<UInt256> slots) {
        Address address = JsonFields.address(params.require(0), Params.path(0));
        BlockHeader header = header(params.stateBlock(1));
        return unavailable(() -> client.read(header, Map.of(address, slots))).getFirst();
    }

    private BlockHeader header(String block) {
        try {
            return client.resolveBlock(block);
        } catch (StateCacheException e) {
            if (e.status() == 404 || e.status() == 400) {
                throw new JsonRpcError(JsonRpcError.SERVER_ERROR, "header not found");
            }
            throw unavailable(e);
        }
    }

    private static <T> T unavailable(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (StateCacheException e) {
            throw unavailable(e);
        }
    }

    private static JsonRpcError unavailable(StateCacheException e) {
        return new JsonRpcError(JsonRpcError.SERVER_ERROR, "state unavailable: " + e.getMessage());
    }

    private static JsonNode quantity(long value) {
        return JSON.stringNode(UInt256.valueOf(value).toQuantity());
    }
}
