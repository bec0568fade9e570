package io.evmsim.statecache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.AccountData;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.HttpStateCacheClient;
import io.evmsim.statecache.client.StateCacheException;
import io.evmsim.statecache.state.StateSource;
import io.evmsim.testsupport.Anvil;
import io.evmsim.testsupport.JsonRpc;
import io.evmsim.testsupport.RpcProxy;
import io.evmsim.testsupport.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The service over HTTP with its client, against anvil behind a fault-injecting proxy, with PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StateCacheServiceTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TokenChain chain;
    private static RpcProxy proxy;

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    @Autowired
    StateSource source;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        chain = new TokenChain(Anvil.start("--chain-id", "31337"), 5);
        proxy = RpcProxy.start(chain.anvil.url());
        TestDatabases.TestDatabase database = TestDatabases.create("statecache");
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("statecache.upstream.urls", () -> proxy.url().toString());
        registry.add("statecache.upstream.request-timeout", () -> "1s");
        registry.add("statecache.upstream.initial-backoff", () -> "20ms");
        registry.add("statecache.upstream.max-attempts", () -> "3");
        registry.add("statecache.follow.enabled", () -> "false");
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (chain != null) {
            chain.close();
        }
    }

    @AfterEach
    void clearFaults() {
        proxy.clearFaults();
    }

    HttpStateCacheClient client() {
        return new HttpStateCacheClient(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(20));
    }

    JsonRpc anvil() {
        return chain.anvil.rpc();
    }

    /** Mines an empty block, so that the next read is at a block no cache holds. */
    BlockHeader freshBlock() {
        anvil().call("evm_mine");
        return client().resolveBlock("latest");
    }

    Map<Address, Set<UInt256>> tokenReadSet() {
        Map<Address, Set<UInt256>> wanted = new LinkedHashMap<>();
        Set<UInt256> slots = new LinkedHashSet<>(List.of(TokenChain.TOTAL_SUPPLY_SLOT, UInt256.valueOf(3),
                UInt256.valueOf(77), TokenChain.balanceSlot(TokenChain.deployer())));
        chain.holders.forEach(holder -> slots.add(TokenChain.balanceSlot(holder)));
        wanted.put(chain.token, slots);
        wanted.put(TokenChain.deployer(), Set.of());
        wanted.put(Address.fromLong(0xdead_beefL), Set.of(UInt256.ONE));
        return wanted;
    }

    @Test
    void everyValueReadEqualsWhatAnvilAnswers() {
        BlockHeader block = freshBlock();
        JsonNode anvilBlock = anvil().call("eth_getBlockByNumber", "latest", false);
        assertEquals(Hash.fromHex(anvilBlock.get("hash").asString()), block.hash());
        assertEquals(Hash.fromHex(anvilBlock.get("stateRoot").asString()), block.stateRoot());
        assertEquals(Long.decode(anvilBlock.get("number").asString()), block.number());
        assertEquals(Long.decode(anvilBlock.get("timestamp").asString()), block.timestamp());
        assertEquals(UInt256.parse(anvilBlock.get("baseFeePerGas").asString()), block.baseFee());
        assertEquals(31337, block.chainId());

        List<AccountData> accounts = client().read(block, tokenReadSet());
        String at = "0x" + Long.toHexString(block.number());
        for (AccountData account : accounts) {
            String address = account.address().toString();
            assertEquals(UInt256.parse(anvil().callText("eth_getBalance", address, at)), account.balance(), address);
            assertEquals(Long.decode(anvil().callText("eth_getTransactionCount", address, at)), account.nonce(), address);
            byte[] code = Hex.decode(anvil().callText("eth_getCode", address, at));
            if (code.length > 0) {
                assertArrayEquals(code, client().code(Set.of(account.codeHash())).get(account.codeHash()), address);
            } else {
                assertEquals(Hash.EMPTY_CODE, account.codeHash(), address);
            }
            account.slots().forEach((slot, value) -> assertEquals(
                    UInt256.parse(anvil().callText("eth_getStorageAt", address, slot.toQuantity(), at)), value,
                    address + " slot " + slot));
        }
        AccountData token = accounts.getFirst();
        assertTrue(token.exists());
        assertEquals(TokenChain.SUPPLY, token.slots().get(TokenChain.TOTAL_SUPPLY_SLOT));
        assertEquals(UInt256.valueOf(3000), token.slots().get(TokenChain.balanceSlot(chain.holders.get(2))));
        assertFalse(accounts.get(2).exists(), "0xdeadbeef has never been touched");
        assertEquals(UInt256.ZERO, accounts.get(2).slots().get(UInt256.ONE));
    }

    @Test
    void coldReadOfOneAccountAndAHundredSlotsTakesAtMostTwoRoundTripsAndAWarmReadNone() {
        BlockHeader block = freshBlock();
        Set<UInt256> slots = new LinkedHashSet<>();
        for (int i = 0; i < 100; i++) {
            slots.add(UInt256.valueOf(i));
        }
        proxy.resetCounts();
        List<AccountData> cold = client().read(block, Map.of(chain.token, slots));
        assertTrue(proxy.requests() <= 2, "cold read took " + proxy.requests() + " upstream requests");
        assertEquals(1, proxy.calls("eth_getProof"));
        assertEquals(100, cold.getFirst().slots().size());

        proxy.resetCounts();
        assertEquals(cold, client().read(block, Map.of(chain.token, slots)));
        assertEquals(0, proxy.requests());
        Integer rows = jdbc.queryForObject("SELECT count(*) FROM storage_slot WHERE block_hash = ?", Integer.class,
                (Object) block.hash().toArray());
        assertEquals(100, rows);
    }

    @Test
    void aFlippedByteInAnAccountProofIsRefusedAndCounted() {
        BlockHeader block = freshBlock();
        double before = failures("account");
        proxy.rewriteResponses((request, response) -> tamperProofs(response, proof -> {
            JsonNode first = proof.get("accountProof").get(0);
            ((tools.jackson.databind.node.ArrayNode) proof.get("accountProof")).set(0, flipLastByte(first.asString()));
        }));
        StateCacheException refused = assertThrows(StateCacheException.class,
                () -> client().read(block, Map.of(TokenChain.deployer(), Set.of())));
        assertEquals(502, refused.status());
        assertTrue(refused.getMessage().contains("proof_invalid"), refused.getMessage());
        assertEquals(before + 1, failures("account"));

        proxy.clearFaults();
        assertTrue(client().read(block, Map.of(TokenChain.deployer(), Set.of())).getFirst().exists(),
                "nothing of the refused answer was cached");
    }

    @Test
    void aStorageValueTheProofDoesNotShowIsRefused() {
        BlockHeader block = freshBlock();
        double before = failures("storage");
        proxy.rewriteResponses((request, response) -> tamperProofs(response, proof ->
                ((ObjectNode) proof.get("storageProof").get(0)).put("value", "0x1")));
        StateCacheException refused = assertThrows(StateCacheException.class,
                () -> client().read(block, Map.of(chain.token, Set.of(TokenChain.TOTAL_SUPPLY_SLOT))));
        assertTrue(refused.getMessage().contains("slot 0x2"), refused.getMessage());
        assertEquals(before + 1, failures("storage"));
    }

    @Test
    void rateLimitsAndDroppedConnectionsAreRetried() {
        BlockHeader block = freshBlock();
        double retries = retries();
        proxy.failNext(1, 429);
        proxy.dropNext(1);
        proxy.resetCounts();
        AccountData token = client().read(block, Map.of(chain.token, Set.of(TokenChain.TOTAL_SUPPLY_SLOT))).getFirst();
        assertEquals(TokenChain.SUPPLY, token.slots().get(TokenChain.TOTAL_SUPPLY_SLOT));
        assertEquals(2, retries() - retries);
    }

    @Test
    void anUpstreamThatKeepsFailingIsANamedErrorNeverAZero() {
        BlockHeader block = freshBlock();
        proxy.failNext(100, 503);
        StateCacheException error = assertThrows(StateCacheException.class,
                () -> client().read(block, Map.of(chain.token, Set.of(TokenChain.TOTAL_SUPPLY_SLOT))));
        assertEquals(502, error.status());
        assertTrue(error.getMessage().contains("upstream_unavailable") && error.getMessage().contains("HTTP 503"),
                error.getMessage());
    }

    @Test
    void aSlowUpstreamTimesOutWithANamedError() {
        BlockHeader block = freshBlock();
        proxy.delay(Duration.ofMillis(1500));
        StateCacheException error = assertThrows(StateCacheException.class,
                () -> client().read(block, Map.of(TokenChain.deployer(), Set.of())));
        assertTrue(error.getMessage().contains("timed out: no complete answer within PT1S"), error.getMessage());
    }

    @Test
    void identicalReadsInFlightAreMergedIntoOneUpstreamCall() throws Exception {
        BlockHeader block = freshBlock();
        proxy.delay(Duration.ofMillis(300));
        proxy.resetCounts();
        Map<Address, Set<UInt256>> wanted = Map.of(chain.token, Set.of(TokenChain.TOTAL_SUPPLY_SLOT));
        List<Future<List<AccountData>>> reads = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 6; i++) {
                reads.add(executor.submit(() -> client().read(block, wanted)));
            }
        }
        for (Future<List<AccountData>> read : reads) {
            assertEquals(TokenChain.SUPPLY, read.get().getFirst().slots().get(TokenChain.TOTAL_SUPPLY_SLOT));
        }
        assertEquals(1, proxy.calls("eth_getProof"));
    }

    @Test
    void stateIsKeptByBlockHashSoAReorgedBlockNeverServesTheOldValue() {
        String snapshot = anvil().callText("evm_snapshot");
        Address holder = chain.holders.getFirst();
        UInt256 slot = TokenChain.balanceSlot(holder);
        chain.anvil.transact(chain.token.toString(), TokenChain.transferCall(holder, UInt256.valueOf(5)));
        BlockHeader first = client().resolveBlock("latest");
        UInt256 before = client().read(first, Map.of(chain.token, Set.of(slot))).getFirst().slots().get(slot);

        anvil().call("evm_revert", snapshot);
        chain.anvil.transact(chain.token.toString(), TokenChain.transferCall(holder, UInt256.valueOf(7)));
        BlockHeader reorged = client().resolveBlock("latest");
        assertEquals(first.number(), reorged.number());
        assertNotEquals(first.hash(), reorged.hash());
        UInt256 after = client().read(reorged, Map.of(chain.token, Set.of(slot))).getFirst().slots().get(slot);
        assertEquals(UInt256.valueOf(2), after.sub(before));
    }

    @Test
    void blockIdsAndBlockHashesResolve() {
        BlockHeader latest = client().resolveBlock("latest");
        assertEquals(latest, client().resolveBlock(latest.hash().toString()));
        assertEquals(latest.hash(), client().resolveBlock(Long.toString(latest.number())).hash());
        assertEquals(latest.parentHash(), client().blockHash(latest, latest.number() - 1));
        BlockHeader earliest = client().resolveBlock("earliest");
        assertEquals(0, earliest.number());
        assertEquals(earliest.hash(), client().blockHash(latest, 0), "walked down the parent hashes");
        StateCacheException notAncestor = assertThrows(StateCacheException.class,
                () -> client().blockHash(latest, latest.number()));
        assertEquals(400, notAncestor.status());
    }

    @Test
    void badInputIsRefusedNamingTheField() throws Exception {
        StateCacheException badId = assertThrows(StateCacheException.class, () -> client().resolveBlock("newest"));
        assertEquals(400, badId.status());
        assertTrue(badId.getMessage().contains("'newest'"), badId.getMessage());

        StateCacheException unknown = assertThrows(StateCacheException.class, () -> client().resolveBlock("0xffffff"));
        assertEquals(404, unknown.status());

        BlockHeader latest = client().resolveBlock("latest");
        BlockHeader wrongNumber = new BlockHeader(latest.number() + 1, latest.hash(), latest.parentHash(),
                latest.stateRoot(), latest.timestamp(), latest.baseFee(), latest.gasLimit(), latest.coinbase(),
                latest.prevRandao(), latest.excessBlobGas(), latest.chainId());
        StateCacheException mismatch = assertThrows(StateCacheException.class,
                () -> client().read(wrongNumber, Map.of(chain.token, Set.of())));
        assertTrue(mismatch.getMessage().contains("does not match"), mismatch.getMessage());

        HttpResponse<String> badSlot = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v1/state")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"blockHash\":\"" + latest.hash() + "\",\"blockNumber\":"
                        + latest.number() + ",\"accounts\":[{\"address\":\"" + chain.token + "\",\"slots\":[\"12\"]}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badSlot.statusCode());
        assertTrue(badSlot.body().contains("0x-hex"), badSlot.body());

        StateCacheException unknownCode = assertThrows(StateCacheException.class,
                () -> client().code(Set.of(Hash.fromHex("0x" + "ab".repeat(32)))));
        assertEquals(404, unknownCode.status());
    }

    @Test
    void healthAndPrometheusAreOnTheManagementPortOnlyAndHealthHidesItsDetails() throws Exception {
        client().read(client().resolveBlock("latest"), Map.of(chain.token, Set.of(TokenChain.TOTAL_SUPPLY_SLOT)));
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/actuator/health", "/actuator/prometheus")) {
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "the API port serves no " + path);
        }
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + managementPort + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        JsonNode components = JSON.readTree(health.body()).get("components");
        assertEquals("UP", components.at("/stateSource/status").stringValue(), health.body());
        assertEquals("UP", components.at("/postgresTier/status").stringValue(), health.body());
        assertFalse(health.body().contains("details"), "details are not public: " + health.body());
        assertFalse(health.body().contains(proxy.url().getHost() + ":" + proxy.url().getPort()), health.body());
        assertTrue(source.describe().contains("eth_getProof verified against state roots"), source.describe());
        String prometheus = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        for (String metric : List.of("evmsim_statecache_requests_total", "evmsim_upstream_calls_total",
                "evmsim_upstream_call_duration_seconds", "evmsim_statecache_bytes_cached_total",
                "evmsim_statecache_postgres_unavailable", "evmsim_statecache_postgres_skipped_total")) {
            assertTrue(prometheus.contains(metric), metric + " missing");
        }
    }

    private double failures(String kind) {
        var counter = meters.find("evmsim.proof.verification.failures").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    private double retries() {
        return meters.find("evmsim.upstream.calls").tag("outcome", "retry").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    /** Applies {@code tamper} to every eth_getProof result of a JSON-RPC (batch) response. */
    private static String tamperProofs(String response, java.util.function.Consumer<JsonNode> tamper) {
        JsonNode answer = JSON.readTree(response);
        for (JsonNode element : answer.isArray() ? answer : JSON.createArrayNode().add(answer)) {
            JsonNode result = element.get("result");
            if (result != null && result.has("accountProof")) {
                tamper.accept(result);
            }
        }
        return answer.toString();
    }

    private static String flipLastByte(String hex) {
        byte[] bytes = Hex.decode(hex);
        bytes[bytes.length - 1] ^= 0x01;
        return Hex.encode(bytes);
    }
}
