package io.evmsim.worker.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.evmsim.common.simulation.StateProvenance;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.ChainDescription;
import io.evmsim.statecache.client.Protocol;
import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.statecache.client.StateCacheException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * State-cache reads kept in this worker between simulations. State at a block hash never changes,
 * so accounts, slots and headers are cached by block hash and served without a round trip; only
 * what is not cached is asked for. A block tag ({@code latest}, {@code safe}, {@code finalized}) is
 * resolved again once its resolution is older than {@code tagFreshness}: that bounds how stale a
 * simulation at a tag may be. A request naming a block number is resolved every time (a recent
 * number may be reorganised onto another block); one naming a hash is resolved once.
 */
public final class BlockStateCache implements StateCacheClient {
    private static final Pattern BLOCK_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final Pattern BLOCK_NUMBER = Pattern.compile("0x[0-9a-fA-F]+|[0-9]+");

    private record AccountKey(Hash block, Address address) {
    }

    private record SlotKey(Hash block, Address address, UInt256 slot) {
    }

    /** A slot the state cache said is not proven; a proven one is kept as its bare value. */
    private record UnprovenSlot(UInt256 value, StateProvenance provenance) {
    }

    private record TagResolution(BlockHeader header, long resolvedAtNanos) {
    }

    private final StateCacheClient client;
    private final long tagFreshnessNanos;
    private final LongSupplier nanoClock;
    private final Cache<Hash, BlockHeader> headers;
    private final Cache<AccountKey, AccountData> accounts;
    /** UInt256, or {@link UnprovenSlot}. */
    private final Cache<SlotKey, Object> slots;
    /** Set once an unproven slot is kept: until then no lookup asks how a slot is known. */
    private volatile boolean unprovenSlotsHeld;
    private final Map<String, TagResolution> tags = new ConcurrentHashMap<>();

    public BlockStateCache(StateCacheClient client, Duration tagFreshness, long maxAccounts, long maxSlots) {
        this(client, tagFreshness, maxAccounts, maxSlots, System::nanoTime);
    }

    BlockStateCache(StateCacheClient client, Duration tagFreshness, long maxAccounts, long maxSlots,
            LongSupplier nanoClock) {
        this.client = client;
        this.tagFreshnessNanos = tagFreshness.toNanos();
        this.nanoClock = nanoClock;
        this.headers = Caffeine.newBuilder().maximumSize(1_024).build();
        this.accounts = Caffeine.newBuilder().maximumSize(maxAccounts).build();
        this.slots = Caffeine.newBuilder().maximumSize(maxSlots).build();
    }

    @Override
    public BlockHeader resolveBlock(String blockId) {
        if (BLOCK_HASH.matcher(blockId).matches()) {
            BlockHeader known = headers.getIfPresent(Hash.fromHex(blockId));
            return known != null ? known : remember(client.resolveBlock(blockId));
        }
        if (BLOCK_NUMBER.matcher(blockId).matches()) {
            return remember(client.resolveBlock(blockId));
        }
        String tag = blockId.toLowerCase(Locale.ROOT);
        TagResolution last = tags.get(tag);
        long now = nanoClock.getAsLong();
        if (last != null && now - last.resolvedAtNanos() < tagFreshnessNanos) {
            return last.header();
        }
        BlockHeader header = remember(client.resolveBlock(blockId));
        tags.put(tag, new TagResolution(header, now));
        return header;
    }

    private BlockHeader remember(BlockHeader header) {
        headers.put(header.hash(), header);
        return header;
    }

    @Override
    public List<AccountData> read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount) {
        return read(block, slotsByAccount, List.of()).accounts();
    }

    /** As {@link #read(BlockHeader, Map)}; the hints go to state-cache only with a read this cache cannot answer. */
    @Override
    public HintedRead read(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount,
            List<Protocol.CallHint> hints) {
        Hash at = block.hash();
        Map<Address, AccountData> known = new HashMap<>();
        Map<Address, Map<UInt256, UInt256>> knownSlots = new HashMap<>();
        Map<Address, Set<UInt256>> missing = new LinkedHashMap<>();
        for (var entry : slotsByAccount.entrySet()) {
            Address address = entry.getKey();
            AccountData account = accounts.getIfPresent(new AccountKey(at, address));
            Map<UInt256, UInt256> values = knownSlots.computeIfAbsent(address, a -> new HashMap<>());
            Set<UInt256> uncached = new HashSet<>();
            if (account == null || account.exists()) {
                for (UInt256 slot : entry.getValue()) {
                    UInt256 value = value(slots.getIfPresent(new SlotKey(at, address, slot)));
                    if (value == null) {
                        uncached.add(slot);
                    } else {
                        values.put(slot, value);
                    }
                }
            }
            if (account == null || !uncached.isEmpty()) {
                missing.put(address, uncached);
            } else {
                known.put(address, account);
            }
        }
        List<AccountData> hinted = List.of();
        Map<Hash, byte[]> code = Map.of();
        if (!missing.isEmpty()) {
            HintedRead read = client.read(block, missing, hints);
            for (AccountData data : read.accounts()) {
                known.put(data.address(), data);
                knownSlots.computeIfAbsent(data.address(), a -> new HashMap<>()).putAll(data.slots());
                keep(at, data);
            }
            hinted = read.hinted();
            hinted.forEach(data -> keep(at, data));
            code = read.code();
        }
        List<AccountData> answer = new ArrayList<>(slotsByAccount.size());
        for (var entry : slotsByAccount.entrySet()) {
            answer.add(assemble(block, entry.getKey(), entry.getValue(), known.get(entry.getKey()),
                    knownSlots.get(entry.getKey()), unprovenSlotsHeld ? this::heldSlotProvenance : null));
        }
        return new HintedRead(answer, hinted, code);
    }

    @Override
    public AccountData held(BlockHeader block, Address address) {
        return accounts.getIfPresent(new AccountKey(block.hash(), address));
    }

    @Override
    public UInt256 heldSlot(BlockHeader block, Address address, UInt256 slot) {
        return value(slots.getIfPresent(new SlotKey(block.hash(), address, slot)));
    }

    @Override
    public StateProvenance heldSlotProvenance(BlockHeader block, Address address, UInt256 slot) {
        return unprovenSlotsHeld && slots.getIfPresent(new SlotKey(block.hash(), address, slot))
                instanceof UnprovenSlot unproven ? unproven.provenance() : StateProvenance.PROVEN;
    }

    private static UInt256 value(Object held) {
        return held instanceof UnprovenSlot unproven ? unproven.value() : (UInt256) held;
    }

    private StateProvenance heldSlotProvenance(Hash at, Address address, UInt256 slot) {
        return slots.getIfPresent(new SlotKey(at, address, slot)) instanceof UnprovenSlot unproven
                ? unproven.provenance() : StateProvenance.PROVEN;
    }

    /** The account's own fields keep their provenance; each slot keeps its own beside its value. */
    private void keep(Hash at, AccountData data) {
        accounts.put(new AccountKey(at, data.address()), withoutSlots(data));
        AccountData.Unproven unproven = data.unproven();
        data.slots().forEach((slot, value) -> {
            StateProvenance provenance = unproven == null ? StateProvenance.PROVEN : unproven.slot(slot);
            if (provenance != StateProvenance.PROVEN) {
                unprovenSlotsHeld = true;
            }
            slots.put(new SlotKey(at, data.address(), slot),
                    provenance == StateProvenance.PROVEN ? value : new UnprovenSlot(value, provenance));
        });
    }

    private interface SlotProvenance {
        StateProvenance of(Hash at, Address address, UInt256 slot);
    }

    /**
     * The account with the asked-for slots; each one was cached or has just been fetched. {@code provenance} says
     * how each is known; null when no unproven slot is held.
     */
    private static AccountData assemble(BlockHeader block, Address address, Set<UInt256> keys, AccountData account,
            Map<UInt256, UInt256> known, SlotProvenance provenance) {
        if (account == null) {
            throw new StateCacheException("state-cache returned no account " + address + " at block " + block.hash());
        }
        Map<UInt256, UInt256> values = new HashMap<>();
        Map<UInt256, StateProvenance> unprovenSlots = new HashMap<>();
        if (account.exists()) {
            for (UInt256 key : keys) {
                UInt256 value = known.get(key);
                if (value == null) {
                    throw new StateCacheException("state-cache returned no slot " + key + " of " + address
                            + " at block " + block.hash());
                }
                values.put(key, value);
                StateProvenance slot = provenance == null ? StateProvenance.PROVEN
                        : provenance.of(block.hash(), address, key);
                if (slot != StateProvenance.PROVEN) {
                    unprovenSlots.put(key, slot);
                }
            }
        }
        return new AccountData(address, account.exists(), account.nonce(), account.balance(), account.codeHash(),
                account.storageRoot(), values, AccountData.Unproven.of(account.unproven() == null
                        ? StateProvenance.PROVEN : account.unproven().account(), unprovenSlots));
    }

    /** The account's own fields and how they are known; its slots are kept apart. */
    private static AccountData withoutSlots(AccountData data) {
        return new AccountData(data.address(), data.exists(), data.nonce(), data.balance(), data.codeHash(),
                data.storageRoot(), Map.of(), data.unproven() == null ? null
                        : AccountData.Unproven.of(data.unproven().account(), Map.of()));
    }

    @Override
    public Map<Hash, byte[]> code(Set<Hash> codeHashes) {
        return client.code(codeHashes);
    }

    @Override
    public Hash blockHash(BlockHeader pinned, long number) {
        return client.blockHash(pinned, number);
    }

    /** The chain's schedule, not cached here: {@link io.evmsim.worker.chain.ChainRules} asks once. */
    @Override
    public Protocol.WitnessResponse witness(BlockHeader block, Map<Address, Set<UInt256>> slotsByAccount,
            Set<Hash> codeHashes, Set<Long> blockHashNumbers) {
        return client.witness(block, slotsByAccount, codeHashes, blockHashNumbers);
    }

    @Override
    public ChainDescription chain() {
        return client.chain();
    }
}
