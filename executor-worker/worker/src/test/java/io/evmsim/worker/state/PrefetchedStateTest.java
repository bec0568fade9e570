package io.evmsim.worker.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.ChainDescription;
import io.evmsim.statecache.client.Protocol;
import io.evmsim.statecache.client.StateCacheClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fetch rounds of one simulation: a hint's accounts come with the first round, held state needs none, code that
 * came with a read needs no request of its own.
 */
class PrefetchedStateTest {
    private static final Address SENDER = Address.fromHex("0x00000000000000000000000000000000000000aa");
    private static final Address TOKEN = Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    private static final BlockHeader BLOCK = new BlockHeader(7, Hash.wrap(UInt256.valueOf(7).toBytes32()), Hash.ZERO,
            Hash.ZERO, 0, UInt256.ONE, 30_000_000L, Address.ZERO, Hash.ZERO, 0, 1);
    private static final Protocol.CallHint TRANSFER = new Protocol.CallHint(SENDER, TOKEN, "0xa9059cbb", null);

    private static final byte[] TOKEN_CODE = Hex.decode("0x60006000fd");
    private static final Hash TOKEN_CODE_HASH = Keccak.hash(TOKEN_CODE);

    /**
     * Slot k of every account holds k + 1; TOKEN holds TOKEN_CODE. A hinted read adds TOKEN with slots 1 and 2,
     * and its code (as a read that fetched it). Records each read and each code request.
     */
    private static final class HintingState implements StateCacheClient {
        final List<Map<Address, Set<UInt256>>> reads = new ArrayList<>();
        final List<List<Protocol.CallHint>> hints = new ArrayList<>();
        final List<Set<Hash>> codeRequests = new ArrayList<>();

        static AccountData account(Address address, Set<UInt256> keys) {
            Map<UInt256, UInt256> slots = new HashMap<>();
            keys.forEach(k -> slots.put(k, k.add(UInt256.ONE)));
            return new AccountData(address, true, 1, UInt256.ONE, address.equals(TOKEN) ? TOKEN_CODE_HASH
                    : Hash.EMPTY_CODE, Hash.ZERO, slots);
        }

        @Override
        public List<AccountData> read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount) {
            return read(block, slotsByAccount, List.of()).accounts();
        }

        @Override
        public HintedRead read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount,
                List<Protocol.CallHint> calls) {
            reads.add(slotsByAccount);
            hints.add(calls);
            List<AccountData> answer = new ArrayList<>();
            slotsByAccount.forEach((address, keys) -> answer.add(account(address, keys)));
            return calls.isEmpty() ? new HintedRead(answer, List.of(), Map.of())
                    : new HintedRead(answer, List.of(account(TOKEN, Set.of(UInt256.ONE, UInt256.valueOf(2)))),
                            Map.of(TOKEN_CODE_HASH, TOKEN_CODE));
        }

        @Override
        public BlockHeader resolveBlock(String blockId) {
            return BLOCK;
        }

        @Override
        public Map<Hash, byte[]> code(Set<Hash> codeHashes) {
            codeRequests.add(codeHashes);
            return codeHashes.contains(TOKEN_CODE_HASH) ? Map.of(TOKEN_CODE_HASH, TOKEN_CODE) : Map.of();
        }

        @Override
        public Hash blockHash(BlockHeader pinned, long number) {
            return Hash.ZERO;
        }

        @Override
        public ChainDescription chain() {
            throw new UnsupportedOperationException("not needed here");
        }
    }

    @Test
    void theHintedAccountsAndSlotsComeWithTheFirstRoundAndTheHintGoesOnlyOnce() {
        HintingState client = new HintingState();
        PrefetchedState state = new PrefetchedState(client, BLOCK, new CodeStore(client, 1 << 20));
        state.expect(SENDER, Set.of());
        state.hint(List.of(TRANSFER));
        state.fetchMisses();

        assertEquals(UInt256.valueOf(3), state.storage(TOKEN, UInt256.valueOf(2)));
        assertFalse(state.hasMisses(), "what the hint named was fetched with the first round");
        assertEquals(UInt256.ZERO, state.storage(TOKEN, UInt256.valueOf(9)));
        assertTrue(state.hasMisses(), "a slot the hint missed is a miss, found by running");
        state.fetchMisses();
        assertEquals(UInt256.valueOf(10), state.storage(TOKEN, UInt256.valueOf(9)));
        assertEquals(List.of(List.of(TRANSFER), List.of()), client.hints);
        assertEquals(2, state.rounds());
    }

    @Test
    void stateTheWorkersCacheHoldsIsReadWithoutAFetchRound() {
        HintingState client = new HintingState();
        BlockStateCache cache = new BlockStateCache(client, Duration.ofSeconds(1), 100, 100);
        PrefetchedState first = new PrefetchedState(cache, BLOCK, new CodeStore(cache, 1 << 20));
        first.expect(SENDER, Set.of());
        first.hint(List.of(TRANSFER));
        first.fetchMisses();
        assertEquals(1, client.reads.size());

        PrefetchedState second = new PrefetchedState(cache, BLOCK, new CodeStore(cache, 1 << 20));
        second.hint(List.of(TRANSFER));
        assertEquals(UInt256.valueOf(2), second.storage(TOKEN, UInt256.ONE));
        assertEquals(1, second.account(SENDER).nonce());
        assertFalse(second.hasMisses(), "held by the worker's cache: no miss, no re-run");
        assertEquals(0, second.rounds());
        assertEquals(1, client.reads.size(), "and no read of the state cache");
    }

    @Test
    void codeThatCameWithTheReadCostsNoCodeRoundTripAndCodeThatDidNotCostsOne() {
        HintingState client = new HintingState();
        BlockStateCache cache = new BlockStateCache(client, Duration.ofSeconds(1), 100, 100);
        PrefetchedState hinted = new PrefetchedState(cache, BLOCK, new CodeStore(cache, 1 << 20));
        hinted.expect(SENDER, Set.of());
        hinted.hint(List.of(TRANSFER));
        hinted.fetchMisses();
        assertEquals(List.of(), client.codeRequests, "the token's code came with the hinted read");
        assertArrayEquals(TOKEN_CODE, hinted.code(TOKEN, TOKEN_CODE_HASH));

        HintingState plain = new HintingState();
        PrefetchedState unhinted = new PrefetchedState(plain, BLOCK, new CodeStore(plain, 1 << 20));
        unhinted.expect(TOKEN, Set.of());
        unhinted.fetchMisses();
        assertEquals(List.of(Set.of(TOKEN_CODE_HASH)), plain.codeRequests, "no code came with the read: one request");
        assertArrayEquals(TOKEN_CODE, unhinted.code(TOKEN, TOKEN_CODE_HASH));
    }
}
