package io.evmsim.statecache.witness;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.rlp.RlpDecoder;
import io.evmsim.common.rlp.RlpException;
import io.evmsim.common.trie.InvalidProofException;
import io.evmsim.common.trie.MerkleProof;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.block.BlockResolver;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.Protocol;
import io.evmsim.statecache.state.FetchedAccount;
import io.evmsim.statecache.state.StateReader;
import io.evmsim.statecache.state.StateSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Rebuilds the witness of a read set at a block from the kept trie nodes: each account by walking from the
 * block's state root along keccak(address), each slot from the account's storage root along keccak(slot). Nodes
 * are content-addressed, so no per-read list is needed. Keys whose path the store lacks (state held without proof)
 * are proven on demand once through the source; what still cannot be proven is named as such, never left out.
 */
public class WitnessBuilder {
    /** BLOCKHASH reaches the 256 blocks before the current one (Yellow Paper 9.4.3; EIP-2935 serves more, unused). */
    static final int BLOCKHASH_WINDOW = 256;

    private final StateReader state;
    private final StateSource source;
    private final BlockResolver blocks;
    /** Header RLPs by block hash: a block's header never changes, and the pinned block's is asked for by every witness. */
    private final Cache<Hash, byte[]> headerRlps = Caffeine.newBuilder().maximumSize(1_024).build();

    public WitnessBuilder(StateReader state, StateSource source, BlockResolver blocks) {
        this.state = state;
        this.source = source;
        this.blocks = blocks;
    }

    public Protocol.WitnessResponse build(BlockHeader block, Map<Address, Set<UInt256>> reads, Collection<Hash> codeHashes,
            Collection<Long> blockHashNumbers) {
        Map<Hash, byte[]> used = new LinkedHashMap<>();
        Map<Address, String> failed = walkAll(block, reads, used);
        if (!failed.isEmpty()) {
            proveOnDemand(block, reads, failed.keySet());
            failed = walkAll(block, reads, used);
        }
        List<Protocol.Unprovable> unprovable = new ArrayList<>();
        failed.forEach((address, reason) -> unprovable.add(new Protocol.Unprovable(address.toString(), reason)));
        List<String> keys = new ArrayList<>();
        reads.forEach((address, slots) -> {
            keys.add(address.toString());
            slots.forEach(slot -> keys.add(Hex.encode(slot.toBytes32())));
        });
        List<String> codes = new ArrayList<>();
        Set<Hash> wantedCode = new LinkedHashSet<>(codeHashes);
        wantedCode.remove(Hash.EMPTY_CODE);
        Map<Hash, byte[]> code = state.code(wantedCode);
        for (Hash hash : wantedCode) {
            byte[] bytes = code.get(hash);
            if (bytes == null) {
                unprovable.add(new Protocol.Unprovable(hash.toString(), "code not cached"));
            } else {
                codes.add(Hex.encode(bytes));
            }
        }
        List<String> headers = headers(block, blockHashNumbers, unprovable);
        return new Protocol.WitnessResponse(used.values().stream().map(Hex::encode).toList(), codes, keys, headers,
                unprovable);
    }

    /** Walks every key; answers the accounts (with the reason) whose account or slot paths could not be walked. */
    private Map<Address, String> walkAll(BlockHeader block, Map<Address, Set<UInt256>> reads, Map<Hash, byte[]> used) {
        Map<Hash, byte[]> fetched = new HashMap<>();
        Function<Hash, byte[]> lookUp = hash -> {
            byte[] node = used.get(hash);
            if (node == null) {
                node = fetched.computeIfAbsent(hash, h -> state.trieNodes(List.of(h)).get(h));
            }
            return node;
        };
        Map<Address, String> failed = new LinkedHashMap<>();
        reads.forEach((address, slots) -> {
            Map<Hash, byte[]> path = new LinkedHashMap<>();
            Function<Hash, byte[]> recording = hash -> {
                byte[] node = lookUp.apply(hash);
                if (node != null) {
                    path.put(hash, node);
                }
                return node;
            };
            try {
                Optional<byte[]> account = MerkleProof.verify(block.stateRoot(), Keccak.keccak256(address.toArray()),
                        recording);
                Hash storageRoot = account.map(rlp -> RlpDecoder.decode(rlp).get(2).asHash()).orElse(Hash.EMPTY_TRIE);
                for (UInt256 slot : slots) {
                    MerkleProof.verify(storageRoot, Keccak.keccak256(slot.toBytes32()), recording);
                }
                used.putAll(path);
            } catch (InvalidProofException | RlpException e) {
                failed.put(address, "no proof kept at block " + block.hash() + " (" + e.getMessage()
                        + "): state held without proof, as the head follower's carried values, a node without"
                        + " eth_getProof, or the devnet");
            }
        });
        return failed;
    }

    /** Asks the source for proofs of the accounts (and their slots) whose nodes are not kept, and keeps them. */
    private void proveOnDemand(BlockHeader block, Map<Address, Set<UInt256>> reads, Collection<Address> accounts) {
        Map<Address, Set<UInt256>> wanted = new LinkedHashMap<>();
        accounts.forEach(address -> wanted.put(address, reads.get(address)));
        Map<Hash, byte[]> nodes = new HashMap<>();
        for (FetchedAccount account : source.fetch(block, wanted, hash -> true).values()) {
            account.proofNodes().forEach(node -> nodes.put(Keccak.hash(node), node));
        }
        state.keepTrieNodes(nodes);
    }

    /**
     * The pinned header, then its ancestors back to the oldest block BLOCKHASH read, each linked to the one
     * before it by its parent hash; a header the source cannot give is named.
     */
    private List<String> headers(BlockHeader block, Collection<Long> blockHashNumbers, List<Protocol.Unprovable> unprovable) {
        long oldest = block.number();
        for (long number : blockHashNumbers) {
            if (number < block.number() && number >= block.number() - BLOCKHASH_WINDOW) {
                oldest = Math.min(oldest, number);
            }
        }
        List<String> headers = new ArrayList<>();
        Hash next = block.hash();
        for (long number = block.number(); number >= oldest; number--) {
            byte[] held = headerRlps.getIfPresent(next);
            Optional<byte[]> rlp = held != null ? Optional.of(held) : source.headerRlp(next);
            rlp.ifPresent(bytes -> headerRlps.put(hash(bytes), bytes));
            if (rlp.isEmpty()) {
                unprovable.add(new Protocol.Unprovable(next.toString(), "header of block " + number
                        + " is not available from the " + source.describe()));
                break;
            }
            headers.add(Hex.encode(rlp.get()));
            next = RlpDecoder.decode(rlp.get()).get(0).asHash();
        }
        return headers;
    }

    private static Hash hash(byte[] rlp) {
        return Keccak.hash(rlp);
    }

    public BlockHeader block(Hash hash, long number) {
        BlockHeader header = blocks.byHash(hash);
        if (header.number() != number) {
            throw new IllegalArgumentException("blockNumber " + number + " does not match block " + hash
                    + ", which is number " + header.number());
        }
        return header;
    }
}
