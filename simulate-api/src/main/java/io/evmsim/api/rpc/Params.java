package io.evmsim.api.rpc;

import io.evmsim.api.request.InvalidRequestException;
import io.evmsim.api.request.JsonFields;
import io.evmsim.common.types.Hash;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The positional {@code params} of one JSON-RPC request: an array (absent means empty), its
 * elements named {@code params[i]} in errors. Trailing elements may be absent or null.
 */
final class Params {
    private static final Pattern BLOCK_TAG = Pattern.compile("latest|safe|finalized|earliest|pending");
    private static final Set<String> BLOCK_OBJECT_FIELDS = Set.of("blockNumber", "blockHash", "requireCanonical");

    private final JsonNode array;

    private Params(JsonNode array) {
        this.array = array;
    }

    static Params of(JsonNode params, int maxCount) {
        if (params != null && !params.isNull() && !params.isArray()) {
            throw new InvalidRequestException("params", "must be an array");
        }
        Params read = new Params(params);
        if (read.size() > maxCount) {
            throw new InvalidRequestException("params", "at most " + maxCount + " parameters, got " + read.size());
        }
        return read;
    }

    int size() {
        return array == null || array.isNull() ? 0 : array.size();
    }

    /** The element, or null when absent or JSON null. */
    JsonNode get(int index) {
        if (index >= size()) {
            return null;
        }
        JsonNode value = array.get(index);
        return value.isNull() ? null : value;
    }

    JsonNode require(int index) {
        JsonNode value = get(index);
        if (value == null) {
            throw new InvalidRequestException(path(index), "is required");
        }
        return value;
    }

    static String path(int index) {
        return "params[" + index + "]";
    }

    /**
     * A block parameter of a state read: {@code pending} reads the latest block, as a node with an
     * empty pool answers (the pending block's own changes are those of its transactions).
     */
    String stateBlock(int index) {
        String block = block(index);
        return block.equals("pending") ? "latest" : block;
    }

    /**
     * A block parameter (a tag, a number, a 32-byte hash, or EIP-1898's {@code {blockNumber}} /
     * {@code {blockHash}}) in the form state-cache resolves; {@code latest} when absent. {@code pending}
     * stays: the worker runs it in the next block's context on the latest block's state.
     */
    String block(int index) {
        JsonNode value = get(index);
        if (value == null) {
            return "latest";
        }
        String field = path(index);
        if (value.isObject()) {
            JsonFields object = JsonFields.of(value, field, BLOCK_OBJECT_FIELDS);
            if (object.has("blockNumber") == object.has("blockHash")) {
                throw new InvalidRequestException(field, "give exactly one of blockNumber and blockHash");
            }
            return object.has("blockHash") ? object.hash("blockHash").toString()
                    : Long.toString(JsonFields.uint64(object.raw("blockNumber"), object.path("blockNumber")));
        }
        if (value.isString() && BLOCK_TAG.matcher(value.stringValue()).matches()) {
            return value.stringValue();
        }
        if (value.isString() && value.stringValue().length() == 66) {
            Hash hash = JsonFields.hash(value, field);
            return hash.toString();
        }
        return Long.toString(JsonFields.uint64(value, field));
    }
}
