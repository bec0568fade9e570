package io.evmsim.worker.state;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.StateProvenance;
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
 * round, not one per read. It also records the reads of the current run that are not proven against the
 * block's state root ({@link #unprovenReads}): a lookup more per first read of an account or slot only while
 * something unproven has been fetched.
 */
public final class PrefetchedState implements WorldState {
    private final StateCacheClient client;
    private final BlockHeader block;
    private final CodeStore codes;
    private final Map<Address, AccountData> accounts = new HashMap<>();
    private final Map<Address, Map<UInt256, UInt256>> slots = new HashMap<>();
    private final Map<Address, Set<UInt256>> misses = new LinkedHashMap<>();
    /** How the fetched accounts and slots not proven are known, merged over every fetch. */
    private final Map<Address, AccountData.Unproven> unproven = new HashMap<>();
    /** The unproven reads of the current run, by address and slot (null for the account's own fields). */
    private final Map<UnprovenRead, StateProvenance> unprovenReads = new LinkedHashMap<>();
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

    /** A read not proven: an account's own fields ({@code slot} null) or one slot. */
    public record UnprovenRead(Address address, UInt256 slot) {
    }

    /** A new run starts: the reads recorded are those of the run that completes. */
    public void beginRun() {
        unprovenReads.clear();
    }

    /** The reads of the current run that are not proven, and how each is known, in the order first read. */
    public Map<UnprovenRead, StateProvenance> unprovenReads() {
        return Collections.unmodifiableMap(unprovenReads);
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
                noteUnproven(data.address(), data.unproven());
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
                noteUnproven(data.address(), data.unproven());
            }
        }
        return data;
    }

    private void noteUnproven(Address address, AccountData.Unproven parts) {
        if (parts != null) {
            unproven.merge(address, parts, AccountData.Unproven::merge);
        }
    }

    /** Records the read of {@code address} ({@code slot} null: its own fields) when it is not proven. */
    private void read(Address address, UInt256 slot) {
        if (unproven.isEmpty()) {
            return;
        }
        AccountData.Unproven known = unproven.get(address);
        StateProvenance provenance = known == null ? null : slot == null ? known.account() : known.slot(slot);
        if (provenance != null && provenance != StateProvenance.PROVEN) {
            unprovenReads.putIfAbsent(new UnprovenRead(address, slot), provenance);
        }
    }

    @Override
    public AccountState account(Address address) {
        AccountData data = known(address);
        if (data == null) {
            misses.computeIfAbsent(address, a -> new HashSet<>());
            return null;
        }
        read(address, null);
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
            read(address, null); // empty because the account is absent: as known as the account is
            return UInt256.ZERO;
        }
        UInt256 value = data == null ? null : slots.get(address).get(slot);
        if (value == null && data != null) {
            value = client.heldSlot(block, address, slot);
            if (value != null) {
                slots.get(address).put(slot, value);
                StateProvenance provenance = client.heldSlotProvenance(block, address, slot);
                if (provenance != StateProvenance.PROVEN) {
                    noteUnproven(address, new AccountData.Unproven(null, Map.of(slot, provenance)));
                }
            }
        }
        if (value == null) {
            misses.computeIfAbsent(address, a -> new HashSet<>()).add(slot);
            return UInt256.ZERO;
        }
        read(address, slot);
        return value;
    }

    @Override
    public byte[] code(Address address, Hash codeHash) {
        return codes.get(codeHash);
    }
}
