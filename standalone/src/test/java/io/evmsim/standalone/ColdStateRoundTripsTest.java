package io.evmsim.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.testsupport.Anvil;
import io.evmsim.testsupport.Resources;
import io.evmsim.testsupport.RpcProxy;
import io.evmsim.testsupport.Solc;
import io.evmsim.testsupport.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Upstream round trips of cold simulations through the whole platform, counted at a proxy in front of the
 * state cache's node (anvil): a cold ERC-20 transfer (token and holders never read), its preview with the
 * token's metadata included, costs exactly two upstream requests, one after the other; a swap on a pair whose
 * tokens only the pair's storage names costs at most three; the same again costs none. The follower is off,
 * so that the proxy sees nothing but the simulations' reads.
 */
class ColdStateRoundTripsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long RESERVE = 1_000_000;
    private static final long SWAP_IN = 1_000;
    /** Within the constant product: (RESERVE + SWAP_IN) * (RESERVE - SWAP_OUT) >= RESERVE * RESERVE. */
    private static final long SWAP_OUT = 900;
    private static final String PAIR = """
            // SPDX-License-Identifier: MIT
            pragma solidity ^0.8.20;
            interface IToken {
                function transfer(address to, uint256 value) external returns (bool);
                function balanceOf(address holder) external view returns (uint256);
            }
            // Uniswap V2's pair as far as a swap reads and writes: the tokens and the reserves in storage, a lock,
            // the transfer out, then both balances against the constant product.
            contract Pair {
                IToken public token0;
                IToken public token1;
                uint112 private reserve0;
                uint112 private reserve1;
                uint32 private blockTimestampLast;
                uint256 private unlocked = 1;
                constructor(IToken t0, IToken t1) { token0 = t0; token1 = t1; }
                function sync() external {
                    reserve0 = uint112(token0.balanceOf(address(this)));
                    reserve1 = uint112(token1.balanceOf(address(this)));
                }
                function swap(uint256 amount0Out, uint256 amount1Out, address to) external {
                    require(unlocked == 1, "LOCKED");
                    unlocked = 0;
                    if (amount0Out > 0) require(token0.transfer(to, amount0Out));
                    if (amount1Out > 0) require(token1.transfer(to, amount1Out));
                    uint256 balance0 = token0.balanceOf(address(this));
                    uint256 balance1 = token1.balanceOf(address(this));
                    require(balance0 * balance1 >= uint256(reserve0) * reserve1, "K");
                    reserve0 = uint112(balance0);
                    reserve1 = uint112(balance1);
                    blockTimestampLast = uint32(block.timestamp);
                    unlocked = 1;
                }
            }
            """;

    private static final Address HOLDER = Address.fromLong(0xc01d01);
    private static final Address RECIPIENT = Address.fromLong(0xc01d02);
    private static final Address TRADER = Address.fromLong(0xc01d03);

    private static Anvil anvil;
    private static RpcProxy proxy;
    private static ConfigurableApplicationContext stateCache;
    private static TestPlatform platform;
    private static String token;
    private static String token1;
    private static String pair;
    private static String block;

    @BeforeAll
    static void start() {
        anvil = Anvil.start();
        String tokenCode = Solc.compile(tokenSource()).get("Token").bytecode() + word(UInt256.valueOf(1_000_000_000L));
        token = anvil.deploy(tokenCode);
        anvil.transact(token, call("transfer(address,uint256)", word(HOLDER), word(UInt256.valueOf(5_000))));
        String token0 = anvil.deploy(tokenCode);
        token1 = anvil.deploy(tokenCode);
        pair = anvil.deploy(Solc.compile(PAIR).get("Pair").bytecode() + word(Address.fromHex(token0))
                + word(Address.fromHex(token1)));
        anvil.transact(token0, call("transfer(address,uint256)", word(Address.fromHex(pair)), word(UInt256.valueOf(RESERVE))));
        anvil.transact(token1, call("transfer(address,uint256)", word(Address.fromHex(pair)), word(UInt256.valueOf(RESERVE))));
        anvil.transact(pair, call("sync()"));
        // the trader's payment, in before the swap as Uniswap V2 takes it
        anvil.transact(token0, call("transfer(address,uint256)", word(Address.fromHex(pair)), word(UInt256.valueOf(SWAP_IN))));
        block = anvil.rpc().call("eth_getBlockByNumber", "latest", false).get("hash").stringValue();

        proxy = RpcProxy.start(anvil.url());
        TestDatabases.TestDatabase cacheDb = TestDatabases.create("statecache");
        stateCache = Standalone.startStateCache(cacheDb.jdbcUrl(), cacheDb.username(), cacheDb.password(), 0,
                "--statecache.upstream.urls=" + proxy.url(), "--statecache.follow.enabled=false");
        platform = TestPlatform.start(null,
                "http://127.0.0.1:" + stateCache.getEnvironment().getProperty("local.server.port"));
        // the platform's first simulation at the block: its header, and the node's first proofs (until a node has
        // served proofs, a batch holds proofs only)
        JsonNode first = simulate(Map.of("from", Anvil.DEV_ACCOUNT, "to", "0x0000000000000000000000000000000000c01d00",
                "value", "1", "block", block));
        assertEquals("success", first.get("status").stringValue(), first.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.close(platform, stateCache, proxy, anvil);
    }

    @Test
    void aColdTokenTransferWithItsPreviewTakesTwoUpstreamRequestsAndTheSameAgainNone() throws Exception {
        Map<String, String> transfer = Map.of("from", HOLDER.toString(), "to", token, "block", block,
                "data", call("transfer(address,uint256)", word(RECIPIENT), word(UInt256.valueOf(250))));
        proxy.resetCounts();

        JsonNode cold = simulate(transfer);

        assertEquals("success", cold.get("status").stringValue(), cold.toString());
        assertEquals(2, proxy.requests(), "the accounts, the guessed code and the access lists (the transfer's, the "
                + "preview's metadata reads); then the slots they name: " + proxy.callsByMethod());
        assertEquals(2, cold.at("/timings/upstreamRequests").intValue(), cold.get("timings").toString());
        assertEquals(1, cold.at("/timings/stateFetchRounds").intValue(), "one fetch round: nothing left to execution");
        assertEquals("250", cold.at("/assetChanges/byAddress/" + RECIPIENT + "/0/delta").stringValue());
        assertEquals("Test Token", cold.at("/assetChanges/transfers/0/name").stringValue(),
                "the preview read the token's name: " + cold.get("assetChanges"));

        proxy.resetCounts();
        JsonNode warm = simulate(transfer);
        assertEquals(0, proxy.requests(), proxy.callsByMethod().toString());
        assertEquals(0, warm.at("/timings/upstreamRequests").intValue());
        assertEquals(cold.get("stateDiff"), warm.get("stateDiff"));
    }

    @Test
    void aColdPairSwapTakesAtMostThreeUpstreamRequests() throws Exception {
        proxy.resetCounts();

        JsonNode swap = simulate(Map.of("from", TRADER.toString(), "to", pair, "block", block,
                "data", call("swap(uint256,uint256,address)", word(UInt256.ZERO), word(UInt256.valueOf(SWAP_OUT)),
                        word(TRADER))));

        assertEquals("success", swap.get("status").stringValue(), swap.toString());
        assertTrue(proxy.requests() <= 3, proxy.requests() + " upstream requests: " + proxy.callsByMethod());
        assertEquals(proxy.requests(), swap.at("/timings/upstreamRequests").intValue(), swap.get("timings").toString());
        assertEquals(Long.toString(SWAP_OUT), swap.at("/assetChanges/byAddress/" + TRADER + "/0/delta").stringValue(),
                swap.get("assetChanges").toString());
    }

    private static JsonNode simulate(Map<String, String> request) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + platform.gatewayPort() + "/v1/simulate"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String call(String signature, String... words) {
        return "0x" + Hex.encodeBare(Keccak.keccak256(signature.getBytes(StandardCharsets.US_ASCII)), 0, 4)
                + String.join("", words);
    }

    private static String word(Address address) {
        return word(address.toWord());
    }

    private static String word(UInt256 value) {
        return Hex.encodeBare(value.toBytes32(), 0, 32);
    }

    private static String tokenSource() {
        try (InputStream in = ColdStateRoundTripsTest.class.getResourceAsStream("/contracts/Token.sol")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
