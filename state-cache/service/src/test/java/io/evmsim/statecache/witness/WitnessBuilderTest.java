package io.evmsim.statecache.witness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.rlp.RlpDecoder;
import io.evmsim.common.trie.MerkleProof;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.Components;
import io.evmsim.statecache.TokenChain;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.Protocol;
import io.evmsim.testsupport.Anvil;
import io.evmsim.testsupport.RpcProxy;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Witnesses rebuilt from the kept proof nodes, on a forked anvil holding the test token. */
class WitnessBuilderTest {
    private static TokenChain chain;
    private static RpcProxy proxy;
    private static Components parts;
    private static WitnessBuilder witnesses;

    @BeforeAll
    static void start() {
        chain = new TokenChain(Anvil.start(), 3);
        proxy = RpcProxy.start(chain.anvil.url());
        parts = new Components(proxy.url());
        witnesses = new WitnessBuilder(parts.reader, parts.source, parts.blocks);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        chain.close();
    }

    private static BlockHeader freshBlock() {
        chain.anvil.rpc().call("evm_mine");
        return parts.blocks.resolve("latest");
    }

    @Test
    void theNodesKeptFromAReadProveEveryKeyAgainstTheStateRootWithoutAnotherUpstreamRequest() {
        BlockHeader block = freshBlock();
        Address holder = chain.holders.get(0);
        Map<Address, Set<UInt256>> reads = new LinkedHashMap<>();
        reads.put(holder, Set.of());
        reads.put(chain.token, Set.of(TokenChain.balanceSlot(holder), TokenChain.TOTAL_SUPPLY_SLOT));
        var read = parts.reader.read(block, reads);
        proxy.resetCounts();

        Protocol.WitnessResponse witness = witnesses.build(block, reads, List.of(read.get(1).codeHash()), List.of());

        assertEquals(List.of(), witness.unprovable());
        assertEquals(0, proxy.calls("eth_getProof"), "the proofs of the read were kept: " + proxy.callsByMethod());
        assertEquals(List.of(holder.toString(), chain.token.toString(), Hex.encode(TokenChain.balanceSlot(holder).toBytes32()),
                Hex.encode(TokenChain.TOTAL_SUPPLY_SLOT.toBytes32())).stream().sorted().toList(),
                witness.keys().stream().sorted().toList());
        Map<Hash, byte[]> nodes = new HashMap<>();
        witness.state().forEach(node -> nodes.put(Keccak.hash(Hex.decode(node)), Hex.decode(node)));
        assertEquals(witness.state().size(), nodes.size(), "nodes are not repeated");
        byte[] token = MerkleProof.verify(block.stateRoot(), Keccak.keccak256(chain.token.toArray()), nodes::get).orElseThrow();
        Hash storageRoot = RlpDecoder.decode(token).get(2).asHash();
        UInt256 balance = MerkleProof.verify(storageRoot, Keccak.keccak256(TokenChain.balanceSlot(holder).toBytes32()),
                nodes::get).map(rlp -> RlpDecoder.decode(rlp).asUInt256()).orElseThrow();
        assertEquals(UInt256.valueOf(1000), balance);
        assertEquals(1, witness.codes().size());
        assertEquals(read.get(1).codeHash(), Keccak.hash(Hex.decode(witness.codes().getFirst())));
        assertEquals(1, witness.headers().size());
        assertEquals(block.hash(), Keccak.hash(Hex.decode(witness.headers().getFirst())));
    }

    @Test
    void theNodesAreKeptInPostgresBehindTheAnswer() {
        BlockHeader block = freshBlock();
        Address holder = chain.holders.get(1);
        parts.reader.read(block, Map.of(chain.token, Set.of(TokenChain.balanceSlot(holder))));
        parts.reader.awaitWritesBehind(block.hash());
        proxy.resetCounts();

        Protocol.WitnessResponse witness = new WitnessBuilder(parts.postgresOnly(), parts.source, parts.blocks)
                .build(block, Map.of(chain.token, Set.of(TokenChain.balanceSlot(holder))), List.of(), List.of());

        assertEquals(List.of(), witness.unprovable());
        assertEquals(0, proxy.calls("eth_getProof"));
        for (String node : witness.state()) {
            byte[] bytes = Hex.decode(node);
            assertArrayEquals(bytes, parts.postgres.trieNodes(List.of(Keccak.hash(bytes))).get(Keccak.hash(bytes)));
        }
    }

    @Test
    void aKeyWhoseNodesAreNotKeptIsProvenOnDemandAndHeadersReachTheOldestBlockhashRead() {
        freshBlock();
        freshBlock();
        BlockHeader block = freshBlock();
        Address never = Address.fromLong(0xdead01);
        proxy.resetCounts();

        Protocol.WitnessResponse witness = witnesses.build(block, Map.of(never, Set.of()), List.of(),
                List.of(block.number() - 2));

        assertEquals(List.of(), witness.unprovable());
        assertEquals(1, proxy.calls("eth_getProof"), proxy.callsByMethod().toString());
        Map<Hash, byte[]> nodes = new HashMap<>();
        witness.state().forEach(node -> nodes.put(Keccak.hash(Hex.decode(node)), Hex.decode(node)));
        assertTrue(MerkleProof.verify(block.stateRoot(), Keccak.keccak256(never.toArray()), nodes::get).isEmpty(),
                "the account is proven absent");
        assertEquals(3, witness.headers().size());
        Hash expected = block.hash();
        for (String header : witness.headers()) {
            byte[] rlp = Hex.decode(header);
            assertEquals(expected, Keccak.hash(rlp));
            expected = RlpDecoder.decode(rlp).get(0).asHash();
        }
    }
}
