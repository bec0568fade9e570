package io.evmsim.statecache;

import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.state.StateReader;
import io.evmsim.testsupport.Anvil;
import io.evmsim.testsupport.RpcProxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Figures for the state cache (not a timed test: it prints, it does not judge). Run with bin/bench-state-cache.
 * Upstream = anvil on 127.0.0.1 behind the counting proxy, so latencies are local and round trips are the figure
 * that carries over to a remote provider.
 */
@Tag("benchmark")
class StateCacheBenchmark {
    private static final int COLD_RUNS = 20;
    private static final int WARM_RUNS = 2000;

    @Test
    void report() {
        try (TokenChain chain = new TokenChain(Anvil.start(), 20); RpcProxy proxy = RpcProxy.start(chain.anvil.url())) {
            Components parts = new Components(proxy.url());
            Map<Address, Set<UInt256>> hundredSlots = Map.of(chain.token, slots(100));
            coldReads(chain, proxy, parts, hundredSlots);
            BlockHeader block = parts.blocks.resolve("latest");
            parts.reader.read(block, hundredSlots);
            warmReads("PostgreSQL", parts.postgresOnly(), block, hundredSlots);
            warmReads("memory", parts.reader, block, hundredSlots);
            Map<Address, Set<UInt256>> oneSlot = Map.of(chain.token, Set.of(TokenChain.TOTAL_SUPPLY_SLOT));
            warmReads("PostgreSQL", parts.postgresOnly(), block, oneSlot);
            warmReads("memory", parts.reader, block, oneSlot);
            forkModeComparison(chain, proxy);
        }
    }

    private static void coldReads(TokenChain chain, RpcProxy proxy, Components parts, Map<Address, Set<UInt256>> wanted) {
        List<Long> nanos = new ArrayList<>();
        List<Integer> trips = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            chain.anvil.rpc().call("evm_mine");
            BlockHeader block = parts.blocks.resolve("latest");
            proxy.resetCounts();
            long start = System.nanoTime();
            parts.reader.read(block, wanted);
            nanos.add(System.nanoTime() - start);
            trips.add(proxy.requests());
        }
        System.out.printf("cold read, 1 account + 100 slots, code not yet cached: %d upstream round trips, %.2f ms%n",
                trips.getFirst(), nanos.getFirst() / 1e6);
        List<Long> rest = nanos.subList(1, nanos.size());
        System.out.printf("cold read, 1 account + 100 slots, code cached (%d new blocks): round trips %s, "
                + "p50 %.2f ms, max %.2f ms%n", rest.size(), trips.subList(1, trips.size()).stream().distinct().toList(),
                percentile(rest, 50) / 1e6, percentile(rest, 100) / 1e6);
    }

    private static void warmReads(String tier, StateReader reader, BlockHeader block, Map<Address, Set<UInt256>> wanted) {
        for (int i = 0; i < WARM_RUNS / 4; i++) {
            reader.read(block, wanted);
        }
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < WARM_RUNS; i++) {
            long start = System.nanoTime();
            reader.read(block, wanted);
            nanos.add(System.nanoTime() - start);
        }
        int slots = wanted.values().iterator().next().size();
        System.out.printf("warm read from %s, 1 account + %d slots (%d reads): p50 %.3f ms, p99 %.3f ms%n", tier, slots,
                WARM_RUNS, percentile(nanos, 50) / 1e6, percentile(nanos, 99) / 1e6);
    }

    /**
     * A token transferFrom as a fork-mode dev node runs it (anvil --fork-url through the proxy), against the
     * read set of the same call (from eth_createAccessList) fetched cold through state-cache.
     */
    private static void forkModeComparison(TokenChain chain, RpcProxy proxy) {
        Address spender = Address.fromHex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
        chain.anvil.transact(chain.token.toString(), "0x095ea7b3" + word(spender.toWord()) + word(UInt256.valueOf(1_000_000)));
        String number = chain.anvil.rpc().callText("eth_blockNumber");
        Map<String, Object> call = Map.of("from", spender.toString(), "to", chain.token.toString(), "data",
                "0x23b872dd" + word(TokenChain.deployer().toWord()) + word(chain.holders.get(7).toWord())
                        + word(UInt256.valueOf(500)));

        proxy.resetCounts();
        try (Anvil fork = Anvil.start("--fork-url", proxy.url().toString(), "--fork-block-number",
                Long.decode(number).toString(), "--no-storage-caching")) {
            int startup = proxy.requests();
            proxy.resetCounts();
            fork.rpc().call("eth_call", call, "latest");
            System.out.printf("fork-mode dev node (anvil --fork-url), token transferFrom via eth_call: %d upstream "
                    + "requests (%s), plus %d at startup%n", proxy.requests(), proxy.callsByMethod(), startup);
        }

        JsonNode accessList = chain.anvil.rpc().call("eth_createAccessList", call, number).get("accessList");
        Map<Address, Set<UInt256>> readSet = new LinkedHashMap<>();
        readSet.put(spender, new LinkedHashSet<>());
        accessList.forEach(entry -> {
            Set<UInt256> keys = readSet.computeIfAbsent(Address.fromHex(entry.get("address").asString()),
                    a -> new LinkedHashSet<>());
            entry.get("storageKeys").forEach(key -> keys.add(UInt256.parse(key.asString())));
        });
        Components fresh = new Components(proxy.url());
        BlockHeader block = fresh.blocks.resolve(number);
        proxy.resetCounts();
        fresh.reader.read(block, readSet);
        System.out.printf("state-cache, same call's read set cold (%d accounts, %d slots, code not cached): %d upstream "
                + "requests (%s)%n", readSet.size(), readSet.values().stream().mapToInt(Set::size).sum(),
                proxy.requests(), proxy.callsByMethod());
    }

    private static Set<UInt256> slots(int count) {
        Set<UInt256> slots = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            slots.add(UInt256.valueOf(i));
        }
        return slots;
    }

    private static String word(UInt256 value) {
        return io.evmsim.common.bytes.Hex.encodeBare(value.toBytes32(), 0, 32);
    }

    private static long percentile(List<Long> values, int percent) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
