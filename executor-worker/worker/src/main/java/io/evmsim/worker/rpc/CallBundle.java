package io.evmsim.worker.rpc;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.simulation.BlockOverrides;
import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.block.NextBlock;
import io.evmsim.evm.chain.BlockRules;
import io.evmsim.evm.decode.RevertReason;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.state.Log;
import io.evmsim.evm.transaction.TransactionProcessor;
import io.evmsim.evm.transaction.TransactionResult;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.worker.simulation.BlockContexts;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code eth_callBundle} as Flashbots relays answer it (mev-geth {@code CallBundle}): signed
 * transactions in order on the state of {@code stateBlockNumber}, in the next block's context
 * ({@link #nextBlock}), with full validation. Per transaction and for the bundle: the coinbase's
 * gain, split into the priority fees ({@code gasFees}) and direct payments
 * ({@code ethSentToCoinbase}), as decimal strings; {@code value} with the return data, or
 * {@code error} and {@code revert} for a failure. Beyond the relays, each result lists its logs.
 */
final class CallBundle {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CallBundle() {
    }

    static JsonNode answer(RpcRun run) {
        return run.attempt(fetched -> {
            JournaledState state = run.state(fetched);
            BlockOverrides next = nextBlock(run.header(), run.request().blockOverrides());
            BlockRules rules = run.rulesAt(next.number(), next.timestamp());
            BlockContext block = BlockContexts.of(run.header(), next, rules.rules(), run.hashes(), false);
            TransactionProcessor processor = run.processor(rules.rules(), Map.of());
            List<Hash> hashes = run.request().rpc().transactionHashes();
            ArrayNode results = JSON.arrayNode();
            BigInteger totalCoinbase = BigInteger.ZERO;
            BigInteger totalFees = BigInteger.ZERO;
            long totalGas = 0;
            ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
            for (int i = 0; i < run.request().transactions().size(); i++) {
                CallRequest call = run.request().transactions().get(i);
                BigInteger before = state.account(block.coinbase()).balance().toBigInteger();
                Executed executed = run.run(processor, state, block, call, null);
                TransactionResult result = executed.result();
                if (!result.isValid()) {
                    throw new RpcError(RpcError.SERVER_ERROR, "err: " + CallFailures.invalidMessage(result.invalid(),
                            executed.tx(), state, block, run.rules()) + "; txhash " + hashes.get(i));
                }
                BigInteger coinbaseDiff = state.account(block.coinbase()).balance().toBigInteger().subtract(before);
                UInt256 price = executed.tx().effectiveGasPrice(block.baseFee());
                BigInteger tip = price.toBigInteger().subtract(block.baseFee().toBigInteger()).max(BigInteger.ZERO);
                BigInteger gasFees = tip.multiply(BigInteger.valueOf(result.gasUsed()));
                results.add(result(call, hashes.get(i), result, coinbaseDiff, gasFees));
                totalCoinbase = totalCoinbase.add(coinbaseDiff);
                totalFees = totalFees.add(gasFees);
                totalGas += result.gasUsed();
                concatenated.writeBytes(hashes.get(i).toArray());
            }
            ObjectNode node = JSON.objectNode();
            node.put("bundleGasPrice", totalGas == 0 ? "0" : totalCoinbase.divide(BigInteger.valueOf(totalGas))
                    .toString());
            node.put("bundleHash", Keccak.hash(concatenated.toByteArray()).toString());
            node.put("coinbaseDiff", totalCoinbase.toString());
            node.put("ethSentToCoinbase", totalCoinbase.subtract(totalFees).toString());
            node.put("gasFees", totalFees.toString());
            node.set("results", results);
            node.put("stateBlockNumber", run.header().number());
            node.put("totalGasUsed", totalGas);
            // the bundle's block number and timestamp are its parameters here, not overrides of the chain's
            node.set("provenance", run.provenance(null));
            return node;
        });
    }

    /**
     * The block the bundle runs in, as the relays' {@code CallBundle} builds it: the requested number,
     * and unless given, the state block's timestamp plus one slot, its coinbase and gas limit, and the
     * base fee EIP-1559 gives the block after it (the state block's own when its gas used is unknown).
     */
    static BlockOverrides nextBlock(BlockHeader state, BlockOverrides requested) {
        BlockOverrides o = requested != null ? requested : new BlockOverrides(null, null, null, null, null, null, null);
        long number = o.number() != null ? o.number() : state.number() + 1;
        long timestamp = o.timestamp() != null ? o.timestamp() : state.timestamp() + NextBlock.SLOT_SECONDS;
        UInt256 baseFee = o.baseFee() != null ? o.baseFee() : state.gasUsed() == null ? state.baseFee()
                : NextBlock.baseFee(state.baseFee(), state.gasUsed(), state.gasLimit());
        return new BlockOverrides(number, timestamp, baseFee, o.coinbase(), o.prevRandao(), o.gasLimit(),
                o.blobBaseFee());
    }

    private static ObjectNode result(CallRequest call, Hash hash, TransactionResult result, BigInteger coinbaseDiff,
            BigInteger gasFees) {
        ObjectNode node = JSON.objectNode();
        node.put("coinbaseDiff", coinbaseDiff.toString());
        node.put("ethSentToCoinbase", coinbaseDiff.subtract(gasFees).toString());
        node.put("fromAddress", call.from().toString());
        node.put("gasFees", gasFees.toString());
        node.put("gasPrice", result.gasUsed() == 0 ? "0"
                : coinbaseDiff.divide(BigInteger.valueOf(result.gasUsed())).toString());
        node.put("gasUsed", result.gasUsed());
        node.put("toAddress", call.to() != null ? call.to().toString() : null);
        node.put("txHash", hash.toString());
        if (result.isSuccess()) {
            node.put("value", Hex.encode(result.output()));
        } else {
            node.put("error", CallFailures.executionError(result).getMessage());
            RevertReason reason = result.reverted() ? RevertReason.decode(result.output()) : null;
            node.put("revert", reason != null && reason.text() != null ? reason.text() : Hex.encode(result.output()));
        }
        ArrayNode logs = node.putArray("logs");
        for (Log log : result.logs()) {
            ObjectNode entry = logs.addObject();
            entry.put("address", log.address().toString());
            ArrayNode topics = entry.putArray("topics");
            log.topics().forEach(topic -> topics.add(topic.toString()));
            entry.put("data", Hex.encode(log.data()));
        }
        return node;
    }
}
