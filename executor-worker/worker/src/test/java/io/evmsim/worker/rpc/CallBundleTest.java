package io.evmsim.worker.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evmsim.common.simulation.BlockOverrides;
import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.RpcCall;
import io.evmsim.common.simulation.RpcMethod;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.chain.ChainFork;
import io.evmsim.statecache.client.BlockHeader;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** eth_callBundle's block context and its coinbase figures (Flashbots' {@code CallBundle}). */
class CallBundleTest {
    private static final long GWEI = 1_000_000_000L;
    private static final Address COINBASE = Address.fromLong(0xfee);
    /** A full block: the next block's base fee is 12.5 % higher (EIP-1559), 1.125 gwei. */
    private static final BlockHeader STATE_BLOCK = new BlockHeader(100, Hash.fromHex("0x" + "11".repeat(32)),
            Hash.ZERO, Hash.ZERO, 1_700_000_000L, UInt256.valueOf(GWEI), 30_000_000L, COINBASE, Hash.ZERO, 0, 1,
            30_000_000L, 0L);

    @Test
    void theNextBlocksBaseFeePricesTheBundleAndTheFiguresAddUp() {
        // a transfer of 5 wei to the coinbase paying at most 2 gwei with a 1 gwei tip: above the next
        // block's base fee of 1.125 gwei the tip is 0.875 gwei (it would be 1 gwei over the state block's)
        CallRequest payment = new CallRequest(2, Address.fromLong(0xc000), COINBASE, new byte[0], UInt256.valueOf(5),
                21_000L, null, UInt256.valueOf(2 * GWEI), UInt256.valueOf(GWEI), null, 0L, null, null, null);
        JsonNode bundle = callBundle(new BlockOverrides(101L, null, null, null, null, null, null), payment);
        JsonNode tx = bundle.get("results").get(0);
        BigInteger gasFees = BigInteger.valueOf(875_000_000L * 21_000);
        assertEquals(gasFees.toString(), tx.get("gasFees").stringValue());
        assertEquals("5", tx.get("ethSentToCoinbase").stringValue());
        assertEquals(gasFees.add(BigInteger.valueOf(5)).toString(), tx.get("coinbaseDiff").stringValue());
        assertEquals(tx.get("coinbaseDiff").stringValue(), bundle.get("coinbaseDiff").stringValue());
        assertEquals(gasFees.toString(), bundle.get("gasFees").stringValue());
        assertEquals("5", bundle.get("ethSentToCoinbase").stringValue());
        assertEquals(100, bundle.get("stateBlockNumber").intValue());
        assertEquals("{\"proven\":true}", bundle.get("provenance").toString(),
                "the bundle's block number is its parameter, not an override");

        // a base fee given is the one used: 1 gwei, so the tip is the full 1 gwei
        JsonNode given = callBundle(new BlockOverrides(101L, null, UInt256.valueOf(GWEI), null, null, null, null),
                payment);
        assertEquals(BigInteger.valueOf(GWEI * 21_000).toString(), given.get("gasFees").stringValue());
    }

    @Test
    void theNextBlockIsOneSlotAfterTheStateBlockUnlessATimestampIsGiven() {
        BlockOverrides next = CallBundle.nextBlock(STATE_BLOCK, new BlockOverrides(101L, null, null, null, null,
                null, null));
        assertEquals(1_700_000_012L, next.timestamp());
        assertEquals(UInt256.valueOf(1_125_000_000L), next.baseFee());
        assertEquals(1_800_000_000L, CallBundle.nextBlock(STATE_BLOCK, new BlockOverrides(101L, 1_800_000_000L,
                null, null, null, null, null)).timestamp());
    }

    private static JsonNode callBundle(BlockOverrides block, CallRequest... transactions) {
        List<Hash> hashes = List.of(Hash.fromHex("0x" + "ab".repeat(32)));
        RpcCall rpc = new RpcCall(RpcMethod.ETH_CALL_BUNDLE, List.of(), false, false, null, hashes);
        SimulationRequest request = new SimulationRequest("b1", "gateway", SimulationKind.BUNDLE, "latest",
                List.of(transactions), Map.of(), block, false, true, 50_000_000L, 10_000, System.currentTimeMillis(),
                rpc);
        JsonNode answer = CodeOnlyChain.answer(new CodeOnlyChain(STATE_BLOCK, Map.of(),
                UInt256.valueOf(BigInteger.TEN.pow(18).longValue())), ChainFork.PRAGUE, request);
        assertEquals(null, answer.get("error"), answer.toString());
        return answer.get("result");
    }
}
