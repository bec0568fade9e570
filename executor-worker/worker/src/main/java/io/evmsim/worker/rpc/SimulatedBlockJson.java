package io.evmsim.worker.rpc;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.rlp.Rlp;
import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.trie.MerklePatriciaTrie;
import io.evmsim.common.tx.AccessListEntry;
import io.evmsim.common.tx.Authorization;
import io.evmsim.common.tx.Transaction;
import io.evmsim.common.tx.TransactionBuilder;
import io.evmsim.common.tx.TransactionType;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.state.Log;
import io.evmsim.evm.transaction.EvmTransaction;
import io.evmsim.evm.transaction.TransactionResult;
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
    private final UInt256 baseFee;
    private final ObjectNode node = JSON.objectNode();
    private final ArrayNode calls = JSON.arrayNode();
    private final List<ObjectNode> logNodes = new ArrayList<>();
    private final List<ObjectNode> transactions = new ArrayList<>();
    private final List<Hash> hashes = new ArrayList<>();
    private final List<byte[]> encodedTransactions = new ArrayList<>();
    private final List<byte[]> receipts = new ArrayList<>();
    /** Over the EVM's own logs, as the receipts: traceTransfers' ETH transfer logs are not the block's. */
    private final LogsBloom bloom = new LogsBloom();
    private LogsBloom receiptBloom = new LogsBloom();

    SimulatedBlockJson(long number, long timestamp, long chainId, UInt256 baseFee) {
        this.baseFee = baseFee;
        this.number = number;
        this.timestamp = timestamp;
        this.chainId = chainId;
    }

    /**
     * @param logs the logs the answer shows (with traceTransfers, the ETH transfers' too), numbered in the block
     * @param cumulativeGasUsed the block's gas used up to and with this call, for its receipt
     */
    void addCall(CallRequest call, Executed executed, List<TransferLogTracer.IndexedLog> logs, long cumulativeGasUsed,
            ObjectNode result) {
        int index = hashes.size();
        Transaction unsigned = unsigned(call, executed.tx());
        Hash hash = unsigned.hash();
        hashes.add(hash);
        encodedTransactions.add(unsigned.encode());
        transactions.add(transaction(unsigned, executed.tx(), index, baseFee));
        receipts.add(receipt(executed, cumulativeGasUsed));
        ArrayNode logArray = JSON.arrayNode();
        for (TransferLogTracer.IndexedLog indexed : logs) {
            Log log = indexed.log();
            ObjectNode entry = logArray.addObject();
            entry.put("address", log.address().toString());
            ArrayNode topics = entry.putArray("topics");
            log.topics().forEach(topic -> topics.add(topic.toString()));
            entry.put("data", Hex.encode(log.data()));
            entry.put("blockNumber", Quantities.hex(number));
            entry.put("transactionHash", hash.toString());
            entry.put("transactionIndex", Quantities.hex(index));
            entry.put("logIndex", Quantities.hex(indexed.index()));
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
        Hash transactionsRoot = orderedRoot(encodedTransactions);
        Hash receiptsRoot = orderedRoot(receipts);
        byte[] header = Rlp.encodeList(Rlp.encodeBytes(parentHash.toArray()), Rlp.encodeBytes(EMPTY_UNCLES.toArray()),
                Rlp.encodeAddress(block.coinbase()), Rlp.encodeBytes(Hash.ZERO.toArray()),
                Rlp.encodeBytes(transactionsRoot.toArray()), Rlp.encodeBytes(receiptsRoot.toArray()),
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
        node.put("receiptsRoot", receiptsRoot.toString());
        node.put("sha3Uncles", EMPTY_UNCLES.toString());
        node.put("timestamp", Quantities.hex(timestamp));
        node.put("transactionsRoot", transactionsRoot.toString());
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

    /** geth's {@code RPCTransaction} of the unsigned transaction (its zero signature included). */
    private ObjectNode transaction(Transaction unsigned, EvmTransaction tx, int index, UInt256 baseFee) {
        ObjectNode node = JSON.objectNode();
        node.put("type", Quantities.hex(tx.type()));
        node.put("nonce", Quantities.hex(unsigned.nonce()));
        node.put("gas", Quantities.hex(tx.gasLimit()));
        if (tx.gasPrice() != null) {
            node.put("gasPrice", tx.gasPrice().toQuantity());
        } else {
            node.put("gasPrice", tx.effectiveGasPrice(baseFee).toQuantity()); // what the block charged
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
        node.put("blockTimestamp", Quantities.hex(timestamp));
        node.put("transactionIndex", Quantities.hex(index));
        if (tx.type() != 0) {
            node.put("chainId", Quantities.hex(chainId));
            ArrayNode accessList = node.putArray("accessList");
            for (AccessListEntry entry : unsigned.accessList()) {
                ObjectNode item = accessList.addObject();
                item.put("address", entry.address().toString());
                ArrayNode keys = item.putArray("storageKeys");
                entry.storageKeys().forEach(key -> keys.add(key.toString()));
            }
            node.put("yParity", "0x0");
        }
        if (tx.type() == 3) {
            node.put("maxFeePerBlobGas", tx.maxFeePerBlobGas().toQuantity());
            ArrayNode blobs = node.putArray("blobVersionedHashes");
            tx.blobVersionedHashes().forEach(hash -> blobs.add(hash.toString()));
        }
        if (tx.type() == 4) {
            ArrayNode authorizations = node.putArray("authorizationList");
            for (Authorization authorization : unsigned.authorizationList()) {
                ObjectNode item = authorizations.addObject();
                item.put("chainId", authorization.chainId().toQuantity());
                item.put("address", authorization.address().toString());
                item.put("nonce", Quantities.hex(authorization.nonce()));
                item.put("yParity", Quantities.hex(authorization.yParity()));
                item.put("r", authorization.r().toQuantity());
                item.put("s", authorization.s().toQuantity());
            }
        }
        node.put("v", "0x0");
        node.put("r", "0x0");
        node.put("s", "0x0");
        return node;
    }

    /** The EIP-2718 receipt: status, cumulative gas, bloom and logs of the EVM's own logs. */
    private byte[] receipt(Executed executed, long cumulativeGasUsed) {
        TransactionResult result = executed.result();
        List<byte[]> logs = new ArrayList<>();
        for (Log log : result.logs()) {
            bloom.add(log);
            receiptBloom.add(log);
            List<byte[]> topics = new ArrayList<>();
            log.topics().forEach(topic -> topics.add(Rlp.encodeBytes(topic.toArray())));
            logs.add(Rlp.encodeList(Rlp.encodeAddress(log.address()), Rlp.encodeList(topics),
                    Rlp.encodeBytes(log.data())));
        }
        byte[] body = Rlp.encodeList(Rlp.encodeLong(result.isSuccess() ? 1 : 0), Rlp.encodeLong(cumulativeGasUsed),
                Rlp.encodeBytes(receiptBloom.bytes()), Rlp.encodeList(logs));
        receiptBloom = new LogsBloom();
        int type = executed.tx().type();
        if (type == 0) {
            return body;
        }
        byte[] typed = new byte[body.length + 1];
        typed[0] = (byte) type;
        System.arraycopy(body, 0, typed, 1, body.length);
        return typed;
    }

    /** The root of a block's transactions or receipts trie: keyed by the RLP of each index. */
    private static Hash orderedRoot(List<byte[]> items) {
        MerklePatriciaTrie trie = new MerklePatriciaTrie();
        for (int i = 0; i < items.size(); i++) {
            trie.put(Rlp.encodeLong(i), items.get(i));
        }
        return trie.root();
    }

    private Transaction unsigned(CallRequest call, EvmTransaction tx) {
        TransactionBuilder builder = Transaction.builder(tx.type() == 0 ? TransactionType.LEGACY
                : TransactionType.ofEnvelopeByte(tx.type()));
        // a nonce the call names is the transaction's even when validation is off and the state's is used
        builder.nonce(call.nonce() != null ? call.nonce() : tx.nonce()).gasLimit(tx.gasLimit()).to(tx.to()).value(tx.value()).data(tx.data())
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
