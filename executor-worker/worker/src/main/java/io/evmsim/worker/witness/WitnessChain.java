package io.evmsim.worker.witness;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.rlp.RlpDecoder;
import io.evmsim.common.rlp.RlpException;
import io.evmsim.common.rlp.RlpItem;
import io.evmsim.common.trie.InvalidProofException;
import io.evmsim.common.trie.MerkleProof;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.ChainDescription;
import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.statecache.client.StateCacheException;
import io.evmsim.statecache.client.StateCacheJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The chain as a witness alone shows it, for an offline replay: its headers are checked to hash and link back from
 * the pinned block, and every account, slot and code read is resolved by walking the witness's trie nodes from the
 * pinned block's state root (each node found by its hash, so a changed byte breaks the path). A read the witness
 * cannot prove fails, naming the key, and is remembered ({@link #unproven()}): never answered with a zero.
 */
public final class WitnessChain implements StateCacheClient {
    private final Map<Hash, byte[]> nodes = new HashMap<>();
    private final Map<Hash, byte[]> codes = new HashMap<>();
    /** The headers' hashes, the pinned block's first, each the parent of the one before. */
    private final List<Hash> headerHashes = new ArrayList<>();
    private final BlockHeader pinned;
    private final ChainDescription chain;
    private volatile String unproven;

    /** @throws WitnessRefusedException when the witness is incomplete or a header fails its check */
    public WitnessChain(JsonNode witness) {
        if (witness.hasNonNull("error")) {
            throw new WitnessRefusedException("the witness was not built: " + witness.get("error").asString());
        }
        if (!witness.path("unprovable").isEmpty()) {
            throw new WitnessRefusedException("the witness names state it cannot prove: " + witness.get("unprovable"));
        }
        for (String field : List.of("state", "codes", "headers", "block", "chain", "request", "result", "digest")) {
            if (!witness.has(field)) {
                throw new WitnessRefusedException("the witness lacks " + field);
            }
        }
        witness.get("state").forEach(node -> {
            byte[] bytes = Hex.decode(node.asString());
            nodes.put(Keccak.hash(bytes), bytes);
        });
        witness.get("codes").forEach(code -> {
            byte[] bytes = Hex.decode(code.asString());
            codes.put(Keccak.hash(bytes), bytes);
        });
        Hash expected = Hash.fromHex(witness.get("block").get("hash").asString());
        RlpItem first = null;
        int i = 0;
        for (JsonNode header : witness.get("headers")) {
            byte[] rlp = Hex.decode(header.asString());
            Hash hash = Keccak.hash(rlp);
            if (!hash.equals(expected)) {
                throw new WitnessRefusedException("headers[" + i + "] hashes to " + hash + " but " + (i == 0
                        ? "the pinned block is " : "headers[" + (i - 1) + "] names as its parent ") + expected);
            }
            RlpItem fields = decode(rlp, "headers[" + i + "]");
            first = first == null ? fields : first;
            headerHashes.add(hash);
            expected = fields.get(0).asHash();
            i++;
        }
        if (first == null) {
            throw new WitnessRefusedException("the witness holds no header of the pinned block");
        }
        chain = StateCacheJson.mapper().treeToValue(witness.get("chain"), ChainDescription.class);
        pinned = header(first, headerHashes.getFirst(), witness.path("chainId").asLong(chain.chainId()));
        if (pinned.number() != witness.get("block").get("number").asLong()) {
            throw new WitnessRefusedException("the pinned header is block " + pinned.number() + ", the witness says "
                    + witness.get("block").get("number"));
        }
        for (JsonNode key : witness.path("keys")) {
            byte[] bytes = Hex.decode(key.asString());
            if (bytes.length == Address.SIZE) {
                try {
                    account(Address.wrap(bytes));
                } catch (StateCacheException e) {
                    throw new WitnessRefusedException(e.getMessage());
                }
            }
        }
    }

    /** The header fields in RLP order (Yellow Paper 4.3; EIP-1559 base fee, EIP-4844 blob gas). */
    private static BlockHeader header(RlpItem h, Hash hash, long chainId) {
        return new BlockHeader(h.get(8).asUnsignedLong(), hash, h.get(0).asHash(), h.get(3).asHash(),
                h.get(11).asUnsignedLong(), h.size() > 15 ? h.get(15).asUInt256() : UInt256.ZERO,
                h.get(9).asUnsignedLong(), h.get(2).asAddress(), h.get(13).asHash(),
                h.size() > 18 ? h.get(18).asUnsignedLong() : 0, chainId, h.get(10).asUnsignedLong(),
                h.size() > 17 ? h.get(17).asUnsignedLong() : 0L);
    }

    private static RlpItem decode(byte[] rlp, String what) {
        try {
            RlpItem item = RlpDecoder.decode(rlp);
            if (!item.isList() || item.size() < 15) {
                throw new WitnessRefusedException(what + " is not a block header");
            }
            return item;
        } catch (RlpException e) {
            throw new WitnessRefusedException(what + " is not RLP: " + e.getMessage());
        }
    }

    public BlockHeader pinned() {
        return pinned;
    }

    /** The first read the witness could not prove, or null. */
    public String unproven() {
        return unproven;
    }

    private StateCacheException unprovable(String message) {
        if (unproven == null) {
            unproven = message;
        }
        return new StateCacheException(message);
    }

    @Override
    public BlockHeader resolveBlock(String blockId) {
        return pinned;
    }

    @Override
    public List<AccountData> read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount) {
        List<AccountData> accounts = new ArrayList<>();
        slotsByAccount.forEach((address, slots) -> {
            AccountData account = account(address);
            Map<UInt256, UInt256> values = new HashMap<>();
            for (UInt256 slot : slots) {
                values.put(slot, slot(address, account.storageRoot(), slot));
            }
            accounts.add(new AccountData(address, account.exists(), account.nonce(), account.balance(),
                    account.codeHash(), account.storageRoot(), values));
        });
        return accounts;
    }

    private AccountData account(Address address) {
        Optional<byte[]> proven = walk(pinned.stateRoot(), address.toArray(), "account " + address);
        if (proven.isEmpty()) {
            return new AccountData(address, false, 0, UInt256.ZERO, Hash.EMPTY_CODE, Hash.EMPTY_TRIE, Map.of());
        }
        RlpItem account = RlpDecoder.decode(proven.get());
        return new AccountData(address, true, account.get(0).asUnsignedLong(), account.get(1).asUInt256(),
                account.get(3).asHash(), account.get(2).asHash(), Map.of());
    }

    private UInt256 slot(Address address, Hash storageRoot, UInt256 slot) {
        return walk(storageRoot, slot.toBytes32(), "slot " + slot + " of " + address)
                .map(rlp -> RlpDecoder.decode(rlp).asUInt256()).orElse(UInt256.ZERO);
    }

    /** The value under keccak(key), or empty when the witness proves it absent. */
    private Optional<byte[]> walk(Hash root, byte[] key, String what) {
        try {
            return MerkleProof.verify(root, Keccak.keccak256(key), nodes::get);
        } catch (InvalidProofException | RlpException e) {
            throw unprovable("the witness cannot prove " + what + ": " + e.getMessage());
        }
    }

    @Override
    public Map<Hash, byte[]> code(Set<Hash> codeHashes) {
        Map<Hash, byte[]> found = new HashMap<>();
        for (Hash hash : codeHashes) {
            byte[] code = hash.equals(Hash.EMPTY_CODE) ? new byte[0] : codes.get(hash);
            if (code == null) {
                throw unprovable("the witness holds no code with hash " + hash);
            }
            found.put(hash, code);
        }
        return found;
    }

    @Override
    public Hash blockHash(BlockHeader at, long number) {
        if (!at.hash().equals(pinned.hash())) {
            throw unprovable("the witness holds the chain of block " + pinned.hash() + ", not of " + at.hash());
        }
        long back = pinned.number() - number;
        if (back < 0 || back >= headerHashes.size()) {
            throw unprovable("the witness holds no header of block " + number);
        }
        return headerHashes.get((int) back);
    }

    @Override
    public ChainDescription chain() {
        return chain;
    }
}
