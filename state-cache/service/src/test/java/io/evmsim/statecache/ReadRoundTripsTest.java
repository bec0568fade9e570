package io.evmsim.statecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.Protocol;
import io.evmsim.statecache.state.StateReader;
import io.evmsim.testsupport.Anvil;
import io.evmsim.testsupport.RpcProxy;
import io.evmsim.testsupport.Solc;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How many upstream requests a read costs: hinted reads, guessed code, and block numbers from the followed chain. */
class ReadRoundTripsTest {
    private static TokenChain chain;
    private static RpcProxy proxy;
    private static Components parts;
    /** A contract with a value per address, and one that reads two of them in one call (it holds the store's address). */
    private static Address store;
    private static Address reader;

    @BeforeAll
    static void start() {
        chain = new TokenChain(Anvil.start(), 6);
        proxy = RpcProxy.start(chain.anvil.url());
        parts = new Components(proxy.url());
        Map<String, Solc.Contract> contracts = Solc.compile(STORE_AND_READER);
        store = Address.fromHex(chain.anvil.deploy(contracts.get("Store").bytecode() + word(chain.holders.get(2))
                + word(chain.holders.get(3))));
        reader = Address.fromHex(chain.anvil.deploy(contracts.get("Reader").bytecode() + word(store)));
        // the node has served proofs once: from now on a batch may carry more than proofs
        parts.reader.read(parts.blocks.resolve("latest"), Map.of(TokenChain.deployer(), Set.of()));
    }

    @AfterAll
    static void stop() {
        proxy.close();
        chain.close();
    }

    private static final String STORE_AND_READER = """
            // SPDX-License-Identifier: MIT
            pragma solidity ^0.8.20;
            contract Store {
                mapping(address => uint256) public valueOf;
                constructor(address a, address b) { valueOf[a] = 3; valueOf[b] = 4; }
            }
            contract Reader {
                Store private immutable store;
                constructor(Store s) { store = s; }
                function values(address a, address b) external view returns (uint256, uint256) {
                    return (store.valueOf(a), store.valueOf(b));
                }
            }
            """;

    private static String word(Address address) {
        return Hex.encodeBare(address.toWord().toBytes32(), 0, 32);
    }

    private static BlockHeader freshBlock() {
        chain.anvil.rpc().call("evm_mine");
        return parts.blocks.resolve("latest");
    }

    private static Protocol.CallHint transfer(Address from, Address to, long amount) {
        return new Protocol.CallHint(from, chain.token, TokenChain.transferCall(to, UInt256.valueOf(amount)), null);
    }

    @Test
    void aHintedColdReadAnswersTheCallsReadSetInTwoRoundTripsProvenAndAWarmOneInNone() {
        Address from = chain.holders.get(0);
        Address to = chain.holders.get(1);
        BlockHeader block = freshBlock();
        Map<Address, Set<UInt256>> known = new LinkedHashMap<>();
        known.put(from, Set.of());
        known.put(chain.token, Set.of());
        proxy.resetCounts();

        StateReader.Read cold = parts.reader.read(block, known, List.of(transfer(from, to, 1)));

        assertEquals(2, proxy.requests(), "the accounts, their code and the access list; then the hinted slots: "
                + proxy.callsByMethod());
        assertEquals(1, proxy.calls("eth_createAccessList"));
        AccountData token = cold.hinted().stream().filter(a -> a.address().equals(chain.token)).findFirst().orElseThrow();
        assertEquals(UInt256.valueOf(1000), token.slots().get(TokenChain.balanceSlot(from)));
        assertEquals(UInt256.valueOf(2000), token.slots().get(TokenChain.balanceSlot(to)));
        assertEquals(parts.memory.code(List.of(token.codeHash())).size(), 1, "the token's code came in the first batch");
        assertTrue(cold.code().containsKey(token.codeHash()), "the code fetched comes with the answer");

        proxy.resetCounts();
        StateReader.Read warm = parts.reader.read(block, known, List.of(transfer(from, to, 1)));
        assertEquals(0, proxy.requests());
        assertEquals(cold.accounts(), warm.accounts());
        assertTrue(warm.hinted().isEmpty(), "nothing was fetched, so no hint was asked");
    }

    @Test
    void aContractTheHintDiscoversIsProvenWithItsCodeInTheSecondRequest() {
        Address a = chain.holders.get(2);
        Address b = chain.holders.get(3);
        BlockHeader block = freshBlock();
        proxy.resetCounts();

        // the caller asks for the sender and the reader; only the hint names the store the reader calls
        String values = "0x" + Hex.encodeBare(Keccak.keccak256("values(address,address)".getBytes(StandardCharsets.US_ASCII)), 0, 4)
                + word(a) + word(b);
        StateReader.Read cold = parts.reader.read(block, Map.of(a, Set.of(), reader, Set.of()),
                List.of(new Protocol.CallHint(a, reader, values, null)));

        assertEquals(2, proxy.requests(), "the accounts, their code and the access list; then the store, its slots "
                + "and its code: " + proxy.callsByMethod());
        AccountData stored = cold.hinted().stream().filter(account -> account.address().equals(store)).findFirst()
                .orElseThrow(() -> new AssertionError("the store is not among the hinted accounts: " + cold.hinted()));
        assertEquals(UInt256.valueOf(3), stored.slots().get(TokenChain.balanceSlot(a)));
        assertEquals(UInt256.valueOf(4), stored.slots().get(TokenChain.balanceSlot(b)));
        AccountData readerAccount = cold.accounts().stream().filter(account -> account.address().equals(reader))
                .findFirst().orElseThrow();
        assertTrue(cold.code().containsKey(readerAccount.codeHash()) && cold.code().containsKey(stored.codeHash()),
                "both contracts' code comes with the answer: " + cold.code().keySet());
    }

    @Test
    void aHintTheNodeCannotAnswerIsPassedOverAndTheReadStillAnswers() {
        Address from = chain.holders.get(4);
        BlockHeader block = freshBlock();
        proxy.resetCounts();

        // more than the sender holds: the call reverts, and its access list is an error or names the slots it read
        StateReader.Read read = parts.reader.read(block, Map.of(from, Set.of()),
                List.of(transfer(from, chain.holders.get(5), 1_000_000_000L)));

        assertEquals(1, read.accounts().size());
        assertEquals(from, read.accounts().getFirst().address());
        assertEquals(1, proxy.calls("eth_createAccessList"));
    }

    @Test
    void aBlockNumberOnTheFollowedChainResolvesWithoutTheUpstream() {
        BlockHeader first = freshBlock();
        parts.follower.follow(first);
        BlockHeader second = freshBlock();
        parts.follower.follow(second);
        proxy.resetCounts();

        assertEquals(first, parts.blocks.resolve(Long.toString(first.number())));
        assertEquals(second, parts.blocks.resolve("0x" + Long.toHexString(second.number())));
        assertEquals(0, proxy.requests());

        BlockHeader third = freshBlock();
        proxy.resetCounts();
        assertEquals(third, parts.blocks.resolve(Long.toString(third.number())));
        assertEquals(1, proxy.requests(), "a number past the followed head is asked of the upstream");

        parts.follower.follow(first); // the head moved back: what was followed above it is forgotten
        proxy.resetCounts();
        assertEquals(second, parts.blocks.resolve(Long.toString(second.number())));
        assertEquals(1, proxy.requests());
    }
}
