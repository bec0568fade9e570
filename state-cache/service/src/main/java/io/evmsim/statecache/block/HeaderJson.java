package io.evmsim.statecache.block;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.rlp.Rlp;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.upstream.UpstreamException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads a block header from its JSON-RPC form, and checks that its fields hash to the block hash the node
 * claims: then the state root that proofs are checked against is the one the block hash commits to.
 */
public final class HeaderJson {
    /** Header fields in RLP order (Yellow Paper 4.3), then those added by EIP-1559, 4895, 4844, 4788 and 7685. */
    private static final List<String> FIELDS = List.of("parentHash", "sha3Uncles", "miner", "stateRoot",
            "transactionsRoot", "receiptsRoot", "logsBloom", "difficulty", "number", "gasLimit", "gasUsed",
            "timestamp", "extraData", "mixHash", "nonce", "baseFeePerGas", "withdrawalsRoot", "blobGasUsed",
            "excessBlobGas", "parentBeaconBlockRoot", "requestsHash");
    private static final int FIRST_OPTIONAL = FIELDS.indexOf("baseFeePerGas");
    private static final List<String> QUANTITIES = List.of("difficulty", "number", "gasLimit", "gasUsed",
            "timestamp", "baseFeePerGas", "blobGasUsed", "excessBlobGas");

    private HeaderJson() {
    }

    /**
     * The header of a block as eth_getBlockByNumber / eth_getBlockByHash return it.
     *
     * @throws UpstreamException when a field is missing or the fields do not hash to {@code hash}
     */
    public static BlockHeader parse(JsonNode block, long chainId) {
        Hash claimed = Hash.fromHex(required(block, "hash"));
        Hash computed = hashOf(block);
        if (!computed.equals(claimed)) {
            throw new UpstreamException("upstream block " + required(block, "number") + " claims hash " + claimed
                    + " but its header fields hash to " + computed);
        }
        return new BlockHeader(quantity(block, "number"), claimed, Hash.fromHex(required(block, "parentHash")),
                Hash.fromHex(required(block, "stateRoot")), quantity(block, "timestamp"),
                block.hasNonNull("baseFeePerGas") ? UInt256.parse(block.get("baseFeePerGas").asString()) : UInt256.ZERO,
                quantity(block, "gasLimit"), Address.fromHex(required(block, "miner")),
                Hash.fromHex(required(block, "mixHash")),
                block.hasNonNull("excessBlobGas") ? quantity(block, "excessBlobGas") : 0, chainId,
                quantity(block, "gasUsed"), block.hasNonNull("blobGasUsed") ? quantity(block, "blobGasUsed") : 0L);
    }

    /** keccak256 of the header's RLP: the block hash its fields commit to. */
    public static Hash hashOf(JsonNode block) {
        return Keccak.hash(encode(block));
    }

    /** The RLP of the header: the fields present, stopping at the first optional field the fork does not have. */
    public static byte[] encode(JsonNode block) {
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; i < FIELDS.size(); i++) {
            String field = FIELDS.get(i);
            if (!block.hasNonNull(field)) {
                if (i < FIRST_OPTIONAL) {
                    throw new UpstreamException("upstream block lacks header field " + field);
                }
                break;
            }
            String value = block.get(field).asString();
            items.add(QUANTITIES.contains(field) ? Rlp.encodeUInt256(UInt256.parse(value)) : Rlp.encodeBytes(Hex.decode(value)));
        }
        return Rlp.encodeList(items);
    }

    private static String required(JsonNode block, String field) {
        if (!block.hasNonNull(field)) {
            throw new UpstreamException("upstream block lacks field " + field);
        }
        return block.get(field).asString();
    }

    private static long quantity(JsonNode block, String field) {
        return Long.decode(required(block, field));
    }
}
