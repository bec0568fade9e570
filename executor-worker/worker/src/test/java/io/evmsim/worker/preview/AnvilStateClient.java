package io.evmsim.worker.preview;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.ChainDescription;
import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.testsupport.JsonRpc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * State read straight from an anvil node (eth_getProof per account, eth_getCode for code), as the state
 * cache would serve it; counts the accounts read, so a test can tell how much state a preview fetched.
 */
final class AnvilStateClient implements StateCacheClient {
    private final JsonRpc rpc;
    private final Map<Hash, byte[]> codes = new ConcurrentHashMap<>();
    final AtomicInteger accountsRead = new AtomicInteger();

    AnvilStateClient(JsonRpc rpc) {
        this.rpc = rpc;
    }

    @Override
    public BlockHeader resolveBlock(String blockId) {
        JsonNode b = rpc.call("eth_getBlockByNumber", blockId, false);
        long chainId = quantity(rpc.call("eth_chainId"));
        return new BlockHeader(quantity(b.get("number")), Hash.fromHex(b.get("hash").asString()),
                Hash.fromHex(b.get("parentHash").asString()), Hash.fromHex(b.get("stateRoot").asString()),
                quantity(b.get("timestamp")), UInt256.parse(b.get("baseFeePerGas").asString()),
                quantity(b.get("gasLimit")), Address.fromHex(b.get("miner").asString()),
                Hash.fromHex(b.get("mixHash").asString()), b.has("excessBlobGas") ? quantity(b.get("excessBlobGas")) : 0,
                chainId, quantity(b.get("gasUsed")), b.has("blobGasUsed") ? quantity(b.get("blobGasUsed")) : 0L);
    }

    @Override
    public List<AccountData> read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount) {
        String at = "0x" + Long.toHexString(block.number());
        List<AccountData> accounts = new ArrayList<>();
        slotsByAccount.forEach((address, keys) -> {
            accountsRead.incrementAndGet();
            List<String> slotKeys = keys.stream().map(k -> Hex.encode(k.toBytes32())).toList();
            JsonNode proof = rpc.call("eth_getProof", address.toString(), slotKeys, at);
            Map<UInt256, UInt256> slots = new HashMap<>();
            for (JsonNode slot : proof.get("storageProof")) {
                slots.put(UInt256.parse(slot.get("key").asString()), UInt256.parse(slot.get("value").asString()));
            }
            keys.forEach(key -> slots.putIfAbsent(key, UInt256.ZERO));
            long nonce = quantity(proof.get("nonce"));
            UInt256 balance = UInt256.parse(proof.get("balance").asString());
            Hash codeHash = Hash.fromHex(proof.get("codeHash").asString());
            if (!codeHash.equals(Hash.EMPTY_CODE) && !codeHash.equals(Hash.ZERO)) {
                byte[] code = Hex.decode(rpc.callText("eth_getCode", address.toString(), at));
                codes.put(Keccak.hash(code), code);
            } else {
                codeHash = Hash.EMPTY_CODE;
            }
            boolean exists = nonce != 0 || !balance.isZero() || !codeHash.equals(Hash.EMPTY_CODE);
            accounts.add(new AccountData(address, exists, nonce, balance, codeHash,
                    Hash.fromHex(proof.get("storageHash").asString()), slots));
        });
        return accounts;
    }

    @Override
    public Map<Hash, byte[]> code(Set<Hash> codeHashes) {
        Map<Hash, byte[]> found = new HashMap<>();
        codeHashes.forEach(hash -> found.put(hash, codes.getOrDefault(hash, new byte[0])));
        return found;
    }

    @Override
    public Hash blockHash(BlockHeader pinned, long number) {
        return Hash.fromHex(rpc.call("eth_getBlockByNumber", "0x" + Long.toHexString(number), false).get("hash")
                .asString());
    }

    @Override
    public ChainDescription chain() {
        throw new UnsupportedOperationException("the test gives its chain schedule itself");
    }

    private static long quantity(JsonNode node) {
        return Long.decode(node.asString());
    }
}
