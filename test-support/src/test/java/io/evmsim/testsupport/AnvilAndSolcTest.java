package io.evmsim.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AnvilAndSolcTest {
    private static final String COUNTER = """
            // SPDX-License-Identifier: MIT
            pragma solidity ^0.8.0;
            contract Counter {
                uint256 public count = 41;
                function bump() external { count += 1; }
            }
            """;
    private static Anvil anvil;

    @BeforeAll
    static void start() {
        anvil = Anvil.start("--chain-id", "31337");
    }

    @AfterAll
    static void stop() {
        anvil.close();
    }

    @Test
    void compiledContractIsDeployedAndItsStorageIsReadable() {
        Solc.Contract counter = Solc.compile(COUNTER).get("Counter");
        String address = anvil.deploy(counter.bytecode());

        assertEquals(counter.deployedBytecode(), anvil.rpc().callText("eth_getCode", address, "latest"));
        assertEquals(41, Long.decode(anvil.rpc().callText("eth_getStorageAt", address, "0x0", "latest")));
        anvil.transact(address, "0x" + selector("bump()"));
        assertEquals(42, Long.decode(anvil.rpc().callText("eth_getStorageAt", address, "0x0", "latest")));
    }

    @Test
    void compileErrorsNameTheProblem() {
        var error = assertThrows(IllegalArgumentException.class, () -> Solc.compile("contract { }"));
        assertTrue(error.getMessage().contains("Expected identifier"), error.getMessage());
    }

    @Test
    void proxyCountsBatchedCallsAndInjectsFaults() throws Exception {
        try (RpcProxy proxy = RpcProxy.start(anvil.url())) {
            JsonRpc viaProxy = new JsonRpc(proxy.url());
            assertEquals("0x7a69", viaProxy.callText("eth_chainId"));
            assertEquals(Map.of("eth_chainId", 1), proxy.callsByMethod());

            proxy.failNext(1, 429);
            var limited = assertThrows(IllegalStateException.class, () -> viaProxy.call("eth_chainId"));
            assertTrue(limited.getMessage().contains("HTTP 429"), limited.getMessage());

            proxy.dropNext(1);
            assertThrows(IllegalStateException.class, () -> viaProxy.call("eth_chainId"));

            proxy.rewriteResponses((request, response) -> response.replace("0x7a69", "0x1"));
            assertEquals("0x1", viaProxy.callText("eth_chainId"));
            proxy.clearFaults();
            assertEquals("0x7a69", viaProxy.callText("eth_chainId"));
            assertEquals(5, proxy.requests());
        }
    }

    private static String selector(String signature) {
        // keccak256("bump()")[0..4], computed by the node itself so the test needs no hashing code
        return anvil.rpc().callText("web3_sha3", "0x" + java.util.HexFormat.of().formatHex(signature.getBytes()))
                .substring(2, 10);
    }
}
