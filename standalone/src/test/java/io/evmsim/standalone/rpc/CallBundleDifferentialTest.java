package io.evmsim.standalone.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.tx.Transaction;
import io.evmsim.common.tx.TransactionType;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.standalone.TestPlatform;
import io.evmsim.testsupport.Anvil;
import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * eth_callBundle against what anvil makes of the same signed transactions: the bundle is simulated
 * on {@code POST /rpc} for the block after anvil's latest, then anvil mines exactly that block with
 * them; each transaction's gas, priority fees and direct payment to the coinbase must be anvil's
 * receipts' and balances', and the figures must add up (coinbaseDiff = gasFees + ethSentToCoinbase).
 * anvil 1.7.1 has no eth_callBundle of its own.
 */
class CallBundleDifferentialTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long GWEI = 1_000_000_000L;
    /** anvil's first two development accounts. */
    private static final BigInteger FIRST_KEY =
            new BigInteger("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", 16);
    private static final BigInteger SECOND_KEY =
            new BigInteger("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", 16);
    private static final Address BOB = Address.fromHex("0x000000000000000000000000000000000000b0b0");

    @Test
    void perTransactionFiguresAreAnvilsForTheSameTransactionsInTheNextBlock() {
        try (Anvil anvil = Anvil.start("--hardfork", "osaka");
                TestPlatform platform = TestPlatform.start(new AnvilStateCache(anvil.rpc()), "http://unused.invalid")) {
            // anvil prices its first block at the genesis base fee, not EIP-1559's next one; from an empty
            // block 1 on, its next base fee is EIP-1559's (0.875 gwei after 1 gwei)
            anvil.rpc().call("evm_mine");
            JsonNode latest = anvil.rpc().call("eth_getBlockByNumber", "latest", false);
            long number = Long.decode(latest.get("number").asString());
            Address coinbase = Address.fromHex(latest.get("miner").asString());
            long chainId = Long.decode(anvil.rpc().callText("eth_chainId"));
            // a plain transfer tipping 1 gwei; a direct payment of 12,345 wei to the coinbase whose
            // 2 gwei tip is capped by its 2 gwei fee cap less the next block's base fee
            String tipping = signed(FIRST_KEY, chainId, BOB, 1, 3 * GWEI, GWEI);
            String paying = signed(SECOND_KEY, chainId, coinbase, 12_345, 2 * GWEI, 2 * GWEI);

            URI rpc = URI.create("http://127.0.0.1:" + platform.gatewayPort() + "/rpc");
            JsonNode ours = JsonRpcDifferentialTest.post(rpc, JSON.writeValueAsString(Map.of("jsonrpc", "2.0",
                    "id", 1, "method", "eth_callBundle", "params", List.of(Map.of("txs", List.of(tipping, paying),
                            "blockNumber", "0x" + Long.toHexString(number + 1), "stateBlockNumber", "latest")))));
            JsonNode bundle = ours.get("result");
            assertEquals(2, bundle.get("results").size(), ours.toString());

            anvil.rpc().call("evm_setAutomine", false);
            String tippingHash = anvil.rpc().callText("eth_sendRawTransaction", tipping);
            String payingHash = anvil.rpc().callText("eth_sendRawTransaction", paying);
            anvil.rpc().call("evm_mine");
            JsonNode mined = anvil.rpc().call("eth_getBlockByNumber", "latest", false);
            assertEquals(number + 1, Long.decode(mined.get("number").asString()));
            BigInteger baseFee = quantity(mined.get("baseFeePerGas"));
            assertEquals(BigInteger.valueOf(875_000_000L), baseFee, "EIP-1559's base fee after an empty 1 gwei block");

            BigInteger totalFees = BigInteger.ZERO;
            List<String> hashes = List.of(tippingHash, payingHash);
            List<Long> direct = List.of(0L, 12_345L);
            for (int i = 0; i < 2; i++) {
                JsonNode receipt = anvil.rpc().call("eth_getTransactionReceipt", hashes.get(i));
                JsonNode result = bundle.get("results").get(i);
                long gasUsed = Long.decode(receipt.get("gasUsed").asString());
                BigInteger fees = quantity(receipt.get("effectiveGasPrice")).subtract(baseFee)
                        .multiply(BigInteger.valueOf(gasUsed));
                assertEquals(hashes.get(i), result.get("txHash").asString());
                assertEquals(gasUsed, result.get("gasUsed").asLong());
                assertEquals(fees.toString(), result.get("gasFees").asString(), result.toString());
                assertEquals(Long.toString(direct.get(i)), result.get("ethSentToCoinbase").asString());
                assertEquals(fees.add(BigInteger.valueOf(direct.get(i))).toString(),
                        result.get("coinbaseDiff").asString());
                totalFees = totalFees.add(fees);
            }
            BigInteger coinbaseGain = quantity(anvil.rpc().call("eth_getBalance", coinbase.toString(), "latest"))
                    .subtract(quantity(anvil.rpc().call("eth_getBalance", coinbase.toString(),
                            "0x" + Long.toHexString(number))));
            assertEquals(coinbaseGain.toString(), bundle.get("coinbaseDiff").asString());
            assertEquals(totalFees.toString(), bundle.get("gasFees").asString());
            assertEquals("12345", bundle.get("ethSentToCoinbase").asString());
            assertEquals(number, bundle.get("stateBlockNumber").asLong());
        }
    }

    private static String signed(BigInteger key, long chainId, Address to, long value, long maxFee, long tip) {
        Transaction tx = Transaction.builder(TransactionType.ofEnvelopeByte(2)).chainId(chainId).nonce(0)
                .gasLimit(21_000).to(to).value(UInt256.valueOf(value)).data(new byte[0])
                .maxFeePerGas(UInt256.valueOf(maxFee)).maxPriorityFeePerGas(UInt256.valueOf(tip)).build().sign(key);
        return Hex.encode(tx.encode());
    }

    private static BigInteger quantity(JsonNode hex) {
        return new BigInteger(hex.asString().substring(2), 16);
    }
}
