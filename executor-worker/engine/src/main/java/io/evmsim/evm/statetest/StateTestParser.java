package io.evmsim.evm.statetest;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlobGas;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.fork.BlobSchedule;
import io.evmsim.evm.fork.Fork;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.state.InMemoryWorldState;
import io.evmsim.evm.transaction.AccessListEntry;
import io.evmsim.evm.transaction.Authorization;
import io.evmsim.evm.transaction.EvmTransaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Reads Ethereum state-test JSON files into {@link StateTestCase}s. */
public final class StateTestParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * ethereum/tests refilled for Prague in 2024-10 with evmone-t8n 0.13, whose Prague did not yet
     * include EIP-7623; those fixtures are replayed under the Prague they were filled with.
     */
    private static final String PRE_FLOOR_PRAGUE_FILLER = "evmone-t8n 0.13.";

    private final Fork onlyFork;
    private long preFloorPragueCases;

    /** @param onlyFork when not null, only cases of this fork are produced */
    public StateTestParser(Fork onlyFork) {
        this.onlyFork = onlyFork;
    }

    /**
     * Parses a file; supported cases go to {@code cases}, and the number of cases of forks the
     * engine does not support is returned.
     */
    public int parse(Path file, Consumer<StateTestCase> cases) {
        JsonNode root = JSON.readTree(file.toFile());
        int skipped = 0;
        for (Map.Entry<String, JsonNode> test : root.properties()) {
            skipped += parseTest(file, test.getKey(), test.getValue(), cases);
        }
        return skipped;
    }

    private int parseTest(Path file, String name, JsonNode test, Consumer<StateTestCase> cases) {
        JsonNode env = test.get("env");
        JsonNode tx = test.get("transaction");
        JsonNode config = test.get("config");
        long chainId = config != null && config.has("chainid") ? quantity(config.get("chainid")).toLong() : 1;
        Supplier<InMemoryWorldState> pre = preState(test.get("pre"));
        int skipped = 0;
        for (Map.Entry<String, JsonNode> forkPost : test.get("post").properties()) {
            Fork fork = Fork.byName(forkPost.getKey());
            if (fork == null || (onlyFork != null && fork != onlyFork)) {
                skipped += forkPost.getValue().size();
                continue;
            }
            ForkRules rules = rulesWithSchedule(fork, config);
            if (fork == Fork.PRAGUE && filledBeforeCalldataFloor(test)) {
                rules = rules.withoutCalldataFloor();
                preFloorPragueCases += forkPost.getValue().size();
            }
            BlockContext block = block(env, rules, chainId);
            for (JsonNode post : forkPost.getValue()) {
                JsonNode idx = post.get("indexes");
                int d = idx.get("data").asInt();
                int g = idx.get("gas").asInt();
                int v = idx.get("value").asInt();
                EvmTransaction transaction;
                String unbuildable = null;
                try {
                    transaction = transaction(tx, d, g, v);
                } catch (IllegalArgumentException e) {
                    transaction = null; // e.g. a value past 256 bits: no valid encoding carries it
                    unbuildable = e.getMessage();
                }
                JsonNode exception = post.get("expectException");
                cases.accept(new StateTestCase(file, name, rules, "d=" + d + " g=" + g + " v=" + v, pre, block,
                        transaction, unbuildable, Hash.fromHex(post.get("hash").asString()),
                        Hash.fromHex(post.get("logs").asString()), exception == null ? null : exception.asString()));
            }
        }
        return skipped;
    }

    /** How many Prague cases ran without EIP-7623 because their filler predates it. */
    public long preFloorPragueCases() {
        return preFloorPragueCases;
    }

    private static boolean filledBeforeCalldataFloor(JsonNode test) {
        JsonNode info = test.get("_info");
        JsonNode filler = info == null ? null : info.get("filling-rpc-server");
        return filler != null && filler.asString().startsWith(PRE_FLOOR_PRAGUE_FILLER);
    }

    private static ForkRules rulesWithSchedule(Fork fork, JsonNode config) {
        ForkRules rules = ForkRules.forFork(fork);
        JsonNode schedule = config == null || !config.has("blobSchedule") ? null
                : config.get("blobSchedule").get(fork.displayName());
        if (schedule == null) {
            return rules;
        }
        return rules.withBlobSchedule(new BlobSchedule((int) quantity(schedule.get("target")).toLong(),
                (int) quantity(schedule.get("max")).toLong(), quantity(schedule.get("baseFeeUpdateFraction")).toLong()));
    }

    static BlockContext block(JsonNode env, ForkRules rules, long chainId) {
        long excessBlobGas = env.has("currentExcessBlobGas") ? quantity(env.get("currentExcessBlobGas")).toLong() : 0;
        JsonNode random = env.has("currentRandom") ? env.get("currentRandom") : env.get("currentDifficulty");
        UInt256 prevRandao = random == null ? UInt256.ZERO : quantity(random); // benchmark inputs may give neither
        return new BlockContext(quantity(env.get("currentNumber")).toLong(),
                quantity(env.get("currentTimestamp")).toLong(), Address.fromHex(env.get("currentCoinbase").asString()),
                quantity(env.get("currentGasLimit")).toLong(),
                env.has("currentBaseFee") ? quantity(env.get("currentBaseFee")) : UInt256.ZERO, prevRandao,
                excessBlobGas, BlobGas.baseFee(excessBlobGas, rules.blobSchedule().baseFeeUpdateFraction()), chainId,
                StateTestParser::testBlockHash);
    }

    /** The state tests' convention: the hash of block n is keccak256 of n in decimal. */
    private static Hash testBlockHash(long number) {
        return Keccak.hash(Long.toString(number).getBytes(StandardCharsets.US_ASCII));
    }

    static Supplier<InMemoryWorldState> preState(JsonNode pre) {
        record Entry(Address address, long nonce, UInt256 balance, byte[] code, Map<UInt256, UInt256> storage) {
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> account : pre.properties()) {
            JsonNode a = account.getValue();
            Map<UInt256, UInt256> storage = new HashMap<>();
            for (Map.Entry<String, JsonNode> slot : a.get("storage").properties()) {
                storage.put(UInt256.parse(slot.getKey()), quantity(slot.getValue()));
            }
            entries.add(new Entry(Address.fromHex(account.getKey()), quantity(a.get("nonce")).toLong(),
                    quantity(a.get("balance")), Hex.decode(a.get("code").asString()), storage));
        }
        return () -> {
            InMemoryWorldState state = new InMemoryWorldState();
            for (Entry e : entries) {
                state.put(e.address, e.nonce, e.balance, e.code, e.storage);
            }
            return state;
        };
    }

    private static EvmTransaction transaction(JsonNode tx, int d, int g, int v) {
        String to = tx.get("to").asString();
        List<AccessListEntry> accessList = tx.has("accessLists") && tx.get("accessLists").get(d) != null
                ? accessList(tx.get("accessLists").get(d)) : List.of();
        List<Authorization> authorizations = tx.has("authorizationList") ? authorizations(tx.get("authorizationList"))
                : List.of();
        List<Hash> blobHashes = new ArrayList<>();
        if (tx.has("blobVersionedHashes")) {
            tx.get("blobVersionedHashes").forEach(h -> blobHashes.add(Hash.fromHex(h.asString())));
        }
        boolean hasAccessList = tx.has("accessLists") && tx.get("accessLists").get(d) != null
                && !tx.get("accessLists").get(d).isNull();
        int type = tx.has("authorizationList") ? 4
                : tx.has("blobVersionedHashes") ? 3
                : tx.has("maxFeePerGas") ? 2
                : hasAccessList ? 1 : 0;
        return new EvmTransaction(type, Address.fromHex(tx.get("sender").asString()),
                to.isEmpty() ? null : Address.fromHex(to), quantity(tx.get("nonce")).toLong(),
                saturatedLong(quantity(tx.get("gasLimit").get(g))), quantity(tx.get("value").get(v)),
                Hex.decode(tx.get("data").get(d).asString()), optional(tx, "gasPrice"), optional(tx, "maxFeePerGas"),
                optional(tx, "maxPriorityFeePerGas"), accessList, optional(tx, "maxFeePerBlobGas"), blobHashes,
                authorizations);
    }

    private static List<AccessListEntry> accessList(JsonNode list) {
        List<AccessListEntry> entries = new ArrayList<>();
        for (JsonNode entry : list) {
            List<UInt256> keys = new ArrayList<>();
            entry.get("storageKeys").forEach(k -> keys.add(UInt256.parse(k.asString())));
            entries.add(new AccessListEntry(Address.fromHex(entry.get("address").asString()), keys));
        }
        return entries;
    }

    private static List<Authorization> authorizations(JsonNode list) {
        List<Authorization> entries = new ArrayList<>();
        for (JsonNode auth : list) {
            UInt256 chainId = quantity(auth.get("chainId"));
            Address address = Address.fromHex(auth.get("address").asString());
            UInt256 nonce = quantity(auth.get("nonce"));
            entries.add(new Authorization(chainId, address, nonce, authority(auth, chainId, address, nonce)));
        }
        return entries;
    }

    /** A quantity as a long, saturating: gas limits past 2^63 are rejected by validation anyway. */
    private static long saturatedLong(UInt256 value) {
        return value.fitsLong() ? value.toLong() : Long.MAX_VALUE;
    }

    /** The signer recovered from the signature (the fixture's own "signer" is not trusted). */
    private static Address authority(JsonNode auth, UInt256 chainId, Address address, UInt256 nonce) {
        UInt256 yParity = quantity(auth.has("yParity") ? auth.get("yParity") : auth.get("v"));
        if (nonce.bitLength() > 64 || yParity.compareTo(UInt256.ONE) > 0) {
            return null; // out of range: the engine skips such an authorization anyway
        }
        return new io.evmsim.common.tx.Authorization(chainId, address, nonce.toLong(), (int) yParity.toLong(),
                quantity(auth.get("r")), quantity(auth.get("s"))).authority();
    }

    private static UInt256 optional(JsonNode node, String field) {
        return node.has(field) ? quantity(node.get(field)) : null;
    }

    static UInt256 quantity(JsonNode node) {
        String text = node.asString();
        if (text.startsWith("0x:bigint ")) {
            text = text.substring("0x:bigint ".length());
        }
        return UInt256.parse(text);
    }
}
