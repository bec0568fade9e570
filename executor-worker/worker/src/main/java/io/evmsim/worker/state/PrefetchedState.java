package io.evmsim.worker.state;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.state.AccountState;
import io.evmsim.evm.state.WorldState;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.Protocol;
import io.evmsim.statecache.client.StateCacheClient;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one pinned block as far as it has been fetched, for one simulation. A read of something
 * neither fetched nor held by the client ({@link StateCacheClient#held}: the worker's cache, no round trip) is
 * recorded as a miss and answered with a placeholder (absent account, zero slot); the executor then discards
 * that run, fetches every miss in one batch ({@link #fetchMisses()}) and runs again, until a run completes
 * without a miss. So a result is only ever built from fetched state, and state-cache sees one request per
 * round, not one per read.
 */
public final class PrefetchedState implements WorldState {
    private final StateCacheClient client;
    private final BlockHeader block;
    private final CodeStore codes;
    private final Map<Address, AccountData> accounts = new HashMap<>();
    private final Map<Address, Map<UInt256, UInt256>> slots = new HashMap<>();
    private final Map<Address, Set<UInt256>> misses = new LinkedHashMap<>();
    private List<Protocol.CallHint> hints = List.of();
    private int rounds;

    public PrefetchedState(StateCacheClient client, BlockHeader block, CodeStore codes) {
        this.client = client;
        this.block = block;
        this.codes = codes;
    }

    /** Asks for accounts (and slots) known to be needed before any run, so the first round is complete more often. */
    public void expect(Address address, Set<UInt256> keys) {
        if (!accounts.containsKey(address)) {
            misses.computeIfAbsent(address, a -> new HashSet<>()).addAll(keys);
        } else {
            for (UInt256 key : keys) {
                storage(address, key);
            }
        }
    }

    /**
     * The calls about to run, sent with the next fetch as a hint of what they will read: where that fetch goes
     * to the upstream, the accounts and slots they touch come back with it, so most runs need no later round.
     * The first {@link Protocol#MAX_HINTS} are sent.
     */
    public void hint(List<Protocol.CallHint> calls) {
        this.hints = List.copyOf(calls.size() <= Protocol.MAX_HINTS ? calls : calls.subList(0, Protocol.MAX_HINTS));
    }

    /** The calls as hints, in order (all of a bundle's or a multi-call's: they run on one state). */
    public static List<Protocol.CallHint> hintsOf(List<CallRequest> calls) {
        return calls.stream().map(call -> new Protocol.CallHint(call.from(), call.to(), Hex.encode(call.data()),
                call.value())).toList();
    }

    public boolean hasMisses() {
        return !misses.isEmpty();
    }

    /** The accounts and slots the next fetch asks for (a view). */
    public Map<Address, Set<UInt256>> misses() {
        return Collections.unmodifiableMap(misses);
    }

    /** How many batches were fetched. */
    public int rounds() {
        return rounds;
    }

    /**
     * Fetches every recorded miss in one round trip, and in one more the code of the accounts it returns that
     * neither came with the answer nor is held.
     */
    public void fetchMisses() {
        Map<Address, Set<UInt256>> batch = new LinkedHashMap<>(misses);
        misses.clear();
        rounds++;
        Set<Hash> codeHashes = new HashSet<>();
        StateCacheClient.HintedRead read = client.read(block, batch, hints);
        hints = List.of(); // the first fetch carries them; later misses are the keys the hint did not name
        codes.put(read.code()); // what the read fetched came with it: no code round trip for that
        for (List<AccountData> part : List.of(read.accounts(), read.hinted())) {
            for (AccountData data : part) {
                AccountData known = accounts.putIfAbsent(data.address(), data);
                slots.computeIfAbsent(data.address(), a -> new HashMap<>()).putAll(data.slots());
                if (known == null && data.exists()) {
                    codeHashes.add(data.codeHash());
                }
            }
        }
        codes.prefetch(codeHashes);
    }

    /** The account as fetched, or as the client holds it (then kept here), or null. */
    private AccountData known(Address address) {
        AccountData data = accounts.get(address);
        if (data == null) {
            data = client.held(block, address);
            if (data != null) {
                accounts.put(address, data);
                slots.computeIfAbsent(address, a -> new HashMap<>()).putAll(data.slots());
            }
        }
        return data;
    }

    @Override
    public AccountState account(Address address) {
        AccountData data = known(address);
        if (data == null) {
            misses.computeIfAbsent(address, a -> new HashSet<>());
            return null;
        }
        if (!data.exists()) {
            return null;
        }
        return new AccountState(data.nonce(), data.balance(), data.codeHash(),
                Hash.EMPTY_TRIE.equals(data.storageRoot()));
    }

    @Override
    public UInt256 storage(Address address, UInt256 slot) {
        AccountData data = known(address);
        if (data != null && !data.exists()) {
            return UInt256.ZERO;
        }
        UInt256 value = data == null ? null : slots.get(address).get(slot);
        if (value == null && data != null) {
            value = client.heldSlot(block, address, slot);
            if (value != null) {
                slots.get(address).put(slot, value);
            }
        }
        if (value == null) {
            misses.computeIfAbsent(address, a -> new HashSet<>()).add(slot);
            return UInt256.ZERO;
        }
        return value;
    }

    @Override
    public byte[] code(Address address, Hash codeHash) {
        return codes.get(codeHash);
    }
}
