package io.evmsim.statecache.state;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.Protocol;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads state at a pinned block through the tiers: memory, then PostgreSQL, then the source, which gets
 * everything still missing as one batch. What the source answers is written to the fastest tier at once and
 * to the slower ones behind the answer (off its path: PostgreSQL writes overlap the next upstream request and
 * the answer's way back), in order per block; a later read at that block waits for them first, so what one read
 * wrote, the next finds in every tier. Each account and slot counts once per tier it was looked up in
 * ({@code evmsim.statecache.requests}).
 */
public class StateReader {
    private static final Logger LOG = LoggerFactory.getLogger(StateReader.class);
    private final List<StateStore> tiers;
    private final StateSource source;
    private final MeterRegistry meters;
    private final ExecutorService writer = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().name("statecache-write-behind-", 0).daemon().factory());
    /** The writes behind still running, by block: each block's run in order. */
    private final Map<Hash, CompletableFuture<Void>> writesBehind = new ConcurrentHashMap<>();

    /** @param tiers fastest first */
    public StateReader(List<StateStore> tiers, StateSource source, MeterRegistry meters) {
        this.tiers = List.copyOf(tiers);
        this.source = source;
        this.meters = meters;
    }

    /**
     * The accounts with the requested slots at {@code block}, in the order of {@code wanted}; returns once what
     * it fetched is written to every tier.
     */
    public List<AccountData> read(BlockHeader block, Map<Address, Set<UInt256>> wanted) {
        List<AccountData> accounts = readThrough(block, wanted, List.of()).accounts();
        awaitWritesBehind(block.hash());
        return accounts;
    }

    /**
     * What {@link #read(BlockHeader, Map, List)} answers: the accounts asked for, in order, those hinted, and the
     * code this read fetched from the source (by code hash), which its caller cannot hold yet.
     */
    public record Read(List<AccountData> accounts, List<AccountData> hinted, Map<Hash, byte[]> code) {
    }

    /**
     * As {@link #read(BlockHeader, Map)}; when that needs the source, the source is also asked which accounts and
     * slots {@code hints} will touch (in the same upstream request), and those not asked for are read too (what
     * no tier holds in one more upstream request) and answered as {@link Read#hinted}. A hinted read that fails
     * leaves them out: they were not asked for, and the caller asks again if it needs them.
     */
    public Read read(BlockHeader block, Map<Address, Set<UInt256>> wanted, List<Protocol.CallHint> hints) {
        awaitWritesBehind(block.hash());
        return readThrough(block, wanted, hints);
    }

    /** Waits for the writes behind earlier reads at {@code block} (whatever their outcome: each tier counts its own). */
    public void awaitWritesBehind(Hash block) {
        CompletableFuture<Void> pending = writesBehind.get(block);
        if (pending != null) {
            pending.join();
        }
    }

    private Read readThrough(BlockHeader block, Map<Address, Set<UInt256>> wanted, List<Protocol.CallHint> hints) {
        Map<Address, AccountState> accounts = new HashMap<>();
        Map<SlotKey, SlotValue> slots = new HashMap<>();
        Map<Address, Set<UInt256>> missing = lookUp(block.hash(), wanted, accounts, slots);
        Map<Address, Set<UInt256>> named = new LinkedHashMap<>();
        Map<Hash, byte[]> code = Map.of();
        if (!missing.isEmpty()) {
            code = fetch(block, missing, hints, keys -> {
                named.putAll(beyond(wanted, keys));
                // an account no tier held a moment ago has no slots there either: fetched without a second look
                Map<Address, Set<UInt256>> unheld = new LinkedHashMap<>();
                Map<Address, Set<UInt256>> mayBeHeld = new LinkedHashMap<>();
                named.forEach((address, slotsNamed) -> (accounts.containsKey(address) || !missing.containsKey(address)
                        ? mayBeHeld : unheld).put(address, slotsNamed));
                unheld.putAll(lookUp(block.hash(), mayBeHeld, accounts, slots));
                return unheld;
            }, accounts, slots);
        }
        List<AccountData> result = new ArrayList<>(wanted.size());
        wanted.forEach((address, keys) -> result.add(assemble(address, keys, accounts, slots)));
        List<AccountData> hinted = new ArrayList<>();
        named.forEach((address, keys) -> {
            // a hinted account the source left out (its read failed) is not answered
            if (accounts.containsKey(address) && keys.stream().allMatch(slot -> slots.containsKey(new SlotKey(address, slot)))) {
                hinted.add(assemble(address, keys, accounts, slots));
            }
        });
        return new Read(result, hinted, code);
    }

    /**
     * Looks {@code wanted} up in the tiers, fastest first, into {@code accounts} and {@code slots}; what a slower
     * tier had goes into the faster ones that missed it. Answers what no tier holds.
     */
    private Map<Address, Set<UInt256>> lookUp(Hash at, Map<Address, Set<UInt256>> wanted,
            Map<Address, AccountState> accounts, Map<SlotKey, SlotValue> slots) {
        Set<SlotKey> wantedSlots = new HashSet<>();
        wanted.forEach((address, keys) -> keys.forEach(slot -> wantedSlots.add(new SlotKey(address, slot))));
        List<StateStore> missedIn = new ArrayList<>();
        for (StateStore tier : tiers) {
            List<Address> missingAccounts = wanted.keySet().stream().filter(a -> !accounts.containsKey(a)).toList();
            List<SlotKey> missingSlots = wantedSlots.stream().filter(s -> !slots.containsKey(s)).toList();
            if (missingAccounts.isEmpty() && missingSlots.isEmpty()) {
                break;
            }
            Map<Address, AccountState> foundAccounts = tier.accounts(at, missingAccounts);
            Map<SlotKey, SlotValue> foundSlots = tier.slots(at, missingSlots);
            count(tier.tier(), "hit", foundAccounts.size() + foundSlots.size());
            count(tier.tier(), "miss", missingAccounts.size() + missingSlots.size() - foundAccounts.size()
                    - foundSlots.size());
            for (StateStore faster : missedIn) {
                faster.putAccounts(at, foundAccounts);
                faster.putSlots(at, foundSlots);
            }
            accounts.putAll(foundAccounts);
            slots.putAll(foundSlots);
            missedIn.add(tier);
        }
        Map<Address, Set<UInt256>> missing = new LinkedHashMap<>();
        wanted.forEach((address, keys) -> {
            Set<UInt256> missingKeys = new HashSet<>();
            keys.forEach(slot -> {
                if (!slots.containsKey(new SlotKey(address, slot))) {
                    missingKeys.add(slot);
                }
            });
            if (!accounts.containsKey(address) || !missingKeys.isEmpty()) {
                missing.put(address, missingKeys);
            }
        });
        return missing;
    }

    /** The hinted accounts and slots that {@code wanted} does not already name. */
    private static Map<Address, Set<UInt256>> beyond(Map<Address, Set<UInt256>> wanted, Map<Address, Set<UInt256>> hinted) {
        Map<Address, Set<UInt256>> beyond = new LinkedHashMap<>();
        hinted.forEach((address, keys) -> {
            Set<UInt256> asked = wanted.get(address);
            Set<UInt256> more = new HashSet<>(keys);
            if (asked != null) {
                more.removeAll(asked);
            }
            if (asked == null || !more.isEmpty()) {
                beyond.put(address, more);
            }
        });
        return beyond;
    }

    private static AccountData assemble(Address address, Set<UInt256> keys, Map<Address, AccountState> accounts,
            Map<SlotKey, SlotValue> slots) {
        Map<UInt256, SlotValue> values = new HashMap<>();
        keys.forEach(slot -> values.put(slot, slots.get(new SlotKey(address, slot))));
        return accounts.get(address).withSlots(address, values);
    }

    /** Code by hash from the tiers; the empty code hash needs no lookup. Hashes no tier holds are left out. */
    public Map<Hash, byte[]> code(Collection<Hash> codeHashes) {
        Map<Hash, byte[]> found = new HashMap<>();
        Set<Hash> missing = new HashSet<>(codeHashes);
        if (missing.remove(Hash.EMPTY_CODE)) {
            found.put(Hash.EMPTY_CODE, new byte[0]);
        }
        List<StateStore> missedIn = new ArrayList<>();
        for (StateStore tier : tiers) {
            if (missing.isEmpty()) {
                break;
            }
            Map<Hash, byte[]> hits = tier.code(missing);
            count(tier.tier(), "hit", hits.size());
            count(tier.tier(), "miss", missing.size() - hits.size());
            missedIn.forEach(faster -> faster.putCode(hits));
            found.putAll(hits);
            missing.removeAll(hits.keySet());
            missedIn.add(tier);
        }
        return found;
    }

    /**
     * Verified trie nodes by hash from the tiers, fastest first; what a slower tier had goes into the faster ones.
     * Hashes no tier holds are left out.
     */
    public Map<Hash, byte[]> trieNodes(Collection<Hash> hashes) {
        Map<Hash, byte[]> found = new HashMap<>();
        Set<Hash> missing = new HashSet<>(hashes);
        List<StateStore> missedIn = new ArrayList<>();
        for (StateStore tier : tiers) {
            if (missing.isEmpty()) {
                break;
            }
            Map<Hash, byte[]> hits = tier.trieNodes(missing);
            missedIn.forEach(faster -> faster.putTrieNodes(hits));
            found.putAll(hits);
            missing.removeAll(hits.keySet());
            missedIn.add(tier);
        }
        return found;
    }

    /** Keeps nodes proven outside a read (a witness's on-demand proofs) in every tier, now. */
    public void keepTrieNodes(Map<Hash, byte[]> nodes) {
        tiers.forEach(tier -> tier.putTrieNodes(nodes));
    }

    /**
     * Fetches {@code missing}, and the hinted keys {@code unheld} names, into {@code accounts} and {@code slots};
     * answers the code it fetched.
     */
    private Map<Hash, byte[]> fetch(BlockHeader block, Map<Address, Set<UInt256>> missing,
            List<Protocol.CallHint> hints, UnaryOperator<Map<Address, Set<UInt256>>> unheld,
            Map<Address, AccountState> accounts, Map<SlotKey, SlotValue> slots) {
        StateSource.HintedFetch answer = hints.isEmpty()
                ? new StateSource.HintedFetch(source.fetch(block, missing, this::codeHeld), Map.of())
                : source.fetch(block, missing, this::codeHeld, hints, unheld);
        Map<Address, AccountState> newAccounts = new HashMap<>();
        Map<SlotKey, SlotValue> newSlots = new HashMap<>();
        Map<Hash, byte[]> newCode = new HashMap<>();
        Map<Hash, byte[]> newNodes = new HashMap<>();
        for (Map<Address, FetchedAccount> fetched : List.of(answer.accounts(), answer.hinted())) {
            fetched.forEach((address, account) -> {
                account.proofNodes().forEach(node -> newNodes.put(Keccak.hash(node), node));
                newAccounts.put(address, AccountState.of(account.account(), account.provenance()));
                account.account().slots().forEach((slot, value) -> newSlots.put(new SlotKey(address, slot),
                        new SlotValue(value, account.provenance())));
                if (account.code() != null) {
                    newCode.put(account.account().codeHash(), account.code());
                }
            });
        }
        count("upstream", "hit", newAccounts.size() + newSlots.size());
        put(tiers.getFirst(), block.hash(), newCode, newSlots, newAccounts, newNodes);
        List<StateStore> slower = tiers.subList(1, tiers.size()).reversed();
        if (!slower.isEmpty()) {
            writeBehind(block.hash(), () -> slower.forEach(tier -> put(tier, block.hash(), newCode, newSlots, newAccounts,
                    newNodes)));
        }
        accounts.putAll(newAccounts);
        slots.putAll(newSlots);
        return newCode;
    }

    /** Code and proof nodes first: a tier that holds an account holds its code and what proved it. */
    private static void put(StateStore tier, Hash block, Map<Hash, byte[]> code, Map<SlotKey, SlotValue> slots,
            Map<Address, AccountState> accounts, Map<Hash, byte[]> nodes) {
        tier.putCode(code);
        tier.putTrieNodes(nodes);
        tier.putSlots(block, slots);
        tier.putAccounts(block, accounts);
    }

    private void writeBehind(Hash block, Runnable write) {
        Runnable guarded = () -> {
            try {
                write.run();
            } catch (RuntimeException e) {
                LOG.warn("writing state of block {} to the slower tiers failed: {}", block, e.getMessage());
            }
        };
        CompletableFuture<Void> next = writesBehind.compute(block, (at, before) -> before == null
                ? CompletableFuture.runAsync(guarded, writer) : before.thenRunAsync(guarded, writer));
        next.whenComplete((done, failure) -> writesBehind.remove(block, next));
    }

    private boolean codeHeld(Hash codeHash) {
        for (StateStore tier : tiers) {
            if (!tier.code(List.of(codeHash)).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private void count(String tier, String result, int amount) {
        if (amount > 0) {
            meters.counter("evmsim.statecache.requests", "tier", tier, "result", result).increment(amount);
        }
    }
}
