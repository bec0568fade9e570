package io.evmsim.worker.rpc;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.rlp.Rlp;
import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.tx.Transaction;
import io.evmsim.common.tx.TransactionBuilder;
import io.evmsim.common.tx.TransactionType;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.state.Log;
import io.evmsim.evm.transaction.EvmTransaction;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One block of eth_simulateV1's answer, in geth's block shape with a {@code calls} member. The
 * transaction hashes are those of the unsigned transactions (zero signature), as geth computes
 * them. The state root is left out: it cannot be computed from the forked, partially fetched
 * state, and so the block hash (over a header with a zero state root) is this simulation's own.
 */
final class SimulatedBlockJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Hash EMPTY_UNCLES = Keccak.hash(Rlp.EMPTY_LIST);

    private final long number;
    private final long timestamp;
    private final long chainId;
    private final ObjectNode node = JSON.objectNode();
    private final ArrayNode calls = JSON.arrayNode();
    private final List<ObjectNode> logNodes = new ArrayList<>();
    private final List<ObjectNode> transactions = new ArrayList<>();
    private final List<Hash> hashes = new ArrayList<>();
    private final LogsBloom bloom = new LogsBloom();

    SimulatedBlockJson(long number, long timestamp, long chainId) {
        this.number = number;
        this.timestamp = timestamp;
        this.chainId = chainId;
    }

    void addCall(CallRequest call, Executed executed, List<Log> logs, ObjectNode result) {
        int index = hashes.size();
        Transaction unsigned = unsigned(call, executed.tx());
        Hash hash = unsigned.hash();
        hashes.add(hash);
        transactions.add(transaction(unsigned, executed.tx(), index));
        ArrayNode logArray = JSON.arrayNode();
        for (Log log : logs) {
            bloom.add(log);
            ObjectNode entry = logArray.addObject();
            entry.put("address", log.address().toString());
            ArrayNode topics = entry.putArray("topics");
            log.topics().forEach(topic -> topics.add(topic.toString()));
            entry.put("data", Hex.encode(log.data()));
            entry.put("blockNumber", Quantities.hex(number));
            entry.put("transactionHash", hash.toString());
            entry.put("transactionIndex", Quantities.hex(index));
            entry.put("logIndex", Quantities.hex(logNodes.size()));
            entry.put("blockTimestamp", Quantities.hex(timestamp));
            entry.put("removed", false);
            logNodes.add(entry);
        }
        result.set("logs", logArray);
        calls.add(result);
    }

    /** Fills in the header fields and returns the block's hash; {@code blobGasUsed} is EIP-4844's, of all calls. */
    Hash finish(Hash parentHash, BlockContext block, long gasUsed, long blobGasUsed, boolean fullTransactions) {
        byte[] bloomBytes = bloom.bytes();
        Hash prevRandao = Hash.wrap(block.prevRandao().toBytes32());
        byte[] header = Rlp.encodeList(Rlp.encodeBytes(parentHash.toArray()), Rlp.encodeBytes(EMPTY_UNCLES.toArray()),
                Rlp.encodeAddress(block.coinbase()), Rlp.encodeBytes(Hash.ZERO.toArray()),
                Rlp.encodeBytes(Hash.EMPTY_TRIE.toArray()), Rlp.encodeBytes(Hash.EMPTY_TRIE.toArray()),
                Rlp.encodeBytes(bloomBytes), Rlp.encodeLong(0), Rlp.encodeLong(number),
                Rlp.encodeLong(block.gasLimit()), Rlp.encodeLong(gasUsed), Rlp.encodeLong(timestamp),
                Rlp.encodeBytes(new byte[0]), Rlp.encodeBytes(prevRandao.toArray()), Rlp.encodeBytes(new byte[8]),
                Rlp.encodeUInt256(block.baseFee()), Rlp.encodeBytes(Hash.EMPTY_TRIE.toArray()), Rlp.encodeLong(blobGasUsed),
                Rlp.encodeLong(block.excessBlobGas()), Rlp.encodeBytes(Hash.ZERO.toArray()));
        Hash hash = Keccak.hash(header);
        for (ObjectNode log : logNodes) {
            log.put("blockHash", hash.toString());
        }
        node.put("baseFeePerGas", block.baseFee().toQuantity());
        node.put("blobGasUsed", Quantities.hex(blobGasUsed));
        node.set("calls", calls);
        node.put("difficulty", "0x0");
        node.put("excessBlobGas", Quantities.hex(block.excessBlobGas()));
        node.put("extraData", "0x");
        node.put("gasLimit", Quantities.hex(block.gasLimit()));
        node.put("gasUsed", Quantities.hex(gasUsed));
        node.put("hash", hash.toString());
        node.put("logsBloom", Hex.encode(bloomBytes));
        node.put("miner", block.coinbase().toString());
        node.put("mixHash", prevRandao.toString());
        node.put("nonce", "0x0000000000000000");
        node.put("number", Quantities.hex(number));
        node.put("parentBeaconBlockRoot", Hash.ZERO.toString());
        node.put("parentHash", parentHash.toString());
        node.put("sha3Uncles", EMPTY_UNCLES.toString());
        node.put("timestamp", Quantities.hex(timestamp));
        ArrayNode txs = node.putArray("transactions");
        for (int i = 0; i < hashes.size(); i++) {
            if (fullTransactions) {
                ObjectNode tx = transactions.get(i);
                tx.put("blockHash", hash.toString());
                txs.add(tx);
            } else {
                txs.add(hashes.get(i).toString());
            }
        }
        node.putArray("uncles");
        node.putArray("withdrawals");
        node.put("withdrawalsRoot", Hash.EMPTY_TRIE.toString());
        return hash;
    }

    ObjectNode node() {
        return node;
    }

    private ObjectNode transaction(Transaction unsigned, EvmTransaction tx, int index) {
        ObjectNode node = JSON.objectNode();
        node.put("type", Quantities.hex(tx.type()));
        node.put("chainId", Quantities.hex(chainId));
        node.put("nonce", Quantities.hex(tx.nonce()));
        node.put("gas", Quantities.hex(tx.gasLimit()));
        if (tx.gasPrice() != null) {
            node.put("gasPrice", tx.gasPrice().toQuantity());
        } else {
            node.put("maxFeePerGas", tx.maxFeePerGas().toQuantity());
            node.put("maxPriorityFeePerGas", tx.maxPriorityFeePerGas().toQuantity());
        }
        node.put("from", tx.sender().toString());
        if (tx.to() != null) {
            node.put("to", tx.to().toString());
        } else {
            node.putNull("to");
        }
        node.put("value", tx.value().toQuantity());
        node.put("input", Hex.encode(tx.data()));
        node.put("hash", unsigned.hash().toString());
        node.put("blockNumber", Quantities.hex(number));
        node.put("transactionIndex", Quantities.hex(index));
        node.put("v", "0x0");
        node.put("r", "0x0");
        node.put("s", "0x0");
        return node;
    }

    private Transaction unsigned(CallRequest call, EvmTransaction tx) {
        TransactionBuilder builder = Transaction.builder(tx.type() == 0 ? TransactionType.LEGACY
                : TransactionType.ofEnvelopeByte(tx.type()));
        builder.nonce(tx.nonce()).gasLimit(tx.gasLimit()).to(tx.to()).value(tx.value()).data(tx.data())
                .accessList(call.accessList());
        if (tx.type() != 0) {
            builder.chainId(chainId);
        }
        if (tx.gasPrice() != null) {
            builder.gasPrice(tx.gasPrice());
        } else {
            builder.maxFeePerGas(tx.maxFeePerGas()).maxPriorityFeePerGas(tx.maxPriorityFeePerGas());
        }
        if (tx.type() == 3) {
            builder.maxFeePerBlobGas(tx.maxFeePerBlobGas()).blobVersionedHashes(tx.blobVersionedHashes());
        }
        if (tx.type() == 4) {
            builder.authorizationList(call.authorizationList());
        }
        return builder.build().withSignature(UInt256.ZERO, UInt256.ZERO, UInt256.ZERO);
    }
}
