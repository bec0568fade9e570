package io.evmsim.standalone.rpc;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.chain.EthConfig;
import io.evmsim.statecache.chain.ServedChain;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.ChainDescription;
import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.statecache.client.StateCacheException;
import io.evmsim.testsupport.JsonRpc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * State-cache's client contract answered straight from an anvil node with {@code eth_getProof}
 * (unverified: these tests compare execution, the proofs are state-cache's own tests' subject), so
 * the JSON-RPC tests run the gateway, Kafka and the worker without a third Spring application.
 */
final class AnvilStateCache implements StateCacheClient {
    private final JsonRpc anvil;
    private final long chainId;
    private final Map<Hash, byte[]> codes = new ConcurrentHashMap<>();

    AnvilStateCache(JsonRpc anvil) {
        this.anvil = anvil;
        this.chainId = Long.decode(anvil.callText("eth_chainId"));
    }

    @Override
    public BlockHeader resolveBlock(String blockId) {
        JsonNode block = blockId.length() == 66 ? anvil.call("eth_getBlockByHash", blockId, false)
                : anvil.call("eth_getBlockByNumber", blockId.matches("[0-9]+")
                        ? "0x" + Long.toHexString(Long.parseLong(blockId)) : blockId, false);
        if (block == null || block.isNull()) {
            throw new StateCacheException("unknown block " + blockId, 404, null);
        }
        return new BlockHeader(Long.decode(block.get("number").asString()), Hash.fromHex(block.get("hash").asString()),
                Hash.fromHex(block.get("parentHash").asString()), Hash.fromHex(block.get("stateRoot").asString()),
                Long.decode(block.get("timestamp").asString()), UInt256.parse(block.get("baseFeePerGas").asString()),
                Long.decode(block.get("gasLimit").asString()), Address.fromHex(block.get("miner").asString()),
                Hash.fromHex(block.get("mixHash").asString()), Long.decode(block.path("excessBlobGas").asString("0x0")),
                chainId, Long.decode(block.get("gasUsed").asString()),
                Long.decode(block.path("blobGasUsed").asString("0x0")));
    }

    @Override
    public List<AccountData> read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount) {
        String at = "0x" + Long.toHexString(block.number());
        List<AccountData> accounts = new ArrayList<>();
        slotsByAccount.forEach((address, slots) -> {
            List<String> keys = slots.stream().map(slot -> Hex.encode(slot.toBytes32())).toList();
            JsonNode proof = anvil.call("eth_getProof", address.toString(), keys, at);
            Hash codeHash = Hash.fromHex(proof.get("codeHash").asString());
            long nonce = Long.decode(proof.get("nonce").asString());
            UInt256 balance = UInt256.parse(proof.get("balance").asString());
            Map<UInt256, UInt256> values = new HashMap<>();
            for (JsonNode entry : proof.get("storageProof")) {
                values.put(UInt256.parse(entry.get("key").asString()), UInt256.parse(entry.get("value").asString()));
            }
            if (!Hash.EMPTY_CODE.equals(codeHash) && !codes.containsKey(codeHash)) {
                byte[] code = Hex.decode(anvil.callText("eth_getCode", address.toString(), at));
                codes.put(Keccak.hash(code), code);
            }
            boolean exists = nonce != 0 || !balance.isZero() || !Hash.EMPTY_CODE.equals(codeHash);
            accounts.add(new AccountData(address, exists, nonce, balance, codeHash,
                    Hash.fromHex(proof.get("storageHash").asString()), values));
        });
        return accounts;
    }

    @Override
    public Map<Hash, byte[]> code(Set<Hash> codeHashes) {
        Map<Hash, byte[]> found = new HashMap<>();
        for (Hash hash : codeHashes) {
            byte[] code = codes.get(hash);
            if (code == null) {
                throw new StateCacheException("no code known for " + hash);
            }
            found.put(hash, code);
        }
        return found;
    }

    @Override
    public Hash blockHash(BlockHeader pinned, long number) {
        return resolveBlock(Long.toString(number)).hash();
    }

    /** The node's own schedule, from its eth_config answer (EIP-7910), as the state cache takes it. */
    @Override
    public ChainDescription chain() {
        return new ServedChain(EthConfig.schedule(anvil.call("eth_config"), "anvil"), "eth_config").description();
    }
}
