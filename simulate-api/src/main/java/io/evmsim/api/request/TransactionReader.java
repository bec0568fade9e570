package io.evmsim.api.request;

import io.evmsim.common.rlp.RlpException;
import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.tx.AccessListEntry;
import io.evmsim.common.tx.Authorization;
import io.evmsim.common.tx.InvalidTransactionException;
import io.evmsim.common.tx.Transaction;
import io.evmsim.common.types.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One transaction of a request: an unsigned call ({@code from}, {@code to}, {@code data} or
 * {@code input}, {@code value}, {@code gas}, fee fields, {@code accessList}, {@code authorizationList})
 * or {@code raw}, a signed transaction whose sender is recovered here.
 */
public final class TransactionReader {
    public static final Set<String> CALL_FIELDS = Set.of("type", "from", "to", "data", "input", "value", "gas", "gasPrice",
            "maxFeePerGas", "maxPriorityFeePerGas", "maxFeePerBlobGas", "nonce", "accessList",
            "blobVersionedHashes", "authorizationList", "raw");
    private static final int MAX_LIST = 10_000;

    private TransactionReader() {
    }

    /** Reads the transaction fields of {@code fields}; the caller has already checked field names. */
    public static CallRequest read(JsonFields fields, long gasCap) {
        if (fields.has("raw")) {
            for (String name : CALL_FIELDS) {
                if (!name.equals("raw") && fields.has(name)) {
                    throw new InvalidRequestException(fields.path(name), "not allowed together with raw");
                }
            }
            return decodeRaw(fields.bytes("raw"), fields.path("raw"), gasCap);
        }
        if (fields.has("data") && fields.has("input")) {
            throw new InvalidRequestException(fields.path("input"), "give data or input, not both");
        }
        Long type = fields.uint64("type");
        if (type != null && type > 4) {
            throw new InvalidRequestException(fields.path("type"), "must be 0 to 4");
        }
        if (fields.has("gasPrice") && (fields.has("maxFeePerGas") || fields.has("maxPriorityFeePerGas"))) {
            throw new InvalidRequestException(fields.path("gasPrice"),
                    "give gasPrice or maxFeePerGas/maxPriorityFeePerGas, not both");
        }
        Long gas = fields.uint64("gas");
        checkGas(gas, fields.path("gas"), gasCap);
        byte[] data = fields.has("input") ? fields.bytes("input") : fields.bytes("data");
        return new CallRequest(type == null ? null : type.intValue(), fields.address("from"), fields.address("to"),
                data, fields.quantity("value"), gas, fields.quantity("gasPrice"), fields.quantity("maxFeePerGas"),
                fields.quantity("maxPriorityFeePerGas"), fields.quantity("maxFeePerBlobGas"), fields.uint64("nonce"),
                accessList(fields), hashes(fields), authorizations(fields));
    }

    private static void checkGas(Long gas, String field, long gasCap) {
        if (gas != null && gas > gasCap) {
            throw new InvalidRequestException(field, "exceeds the gas cap of " + gasCap);
        }
    }

    /** A signed transaction as a call from its recovered sender. */
    public static CallRequest decodeRaw(byte[] raw, String field, long gasCap) {
        Transaction tx;
        try {
            tx = Transaction.decode(raw);
            tx.sender();
        } catch (InvalidTransactionException | RlpException | IllegalArgumentException e) {
            throw new InvalidRequestException(field, "not a valid signed transaction: " + e.getMessage());
        }
        checkGas(tx.gasLimit(), field, gasCap);
        return new CallRequest(tx.type().typeByte(), tx.sender(), tx.to(), tx.data(), tx.value(), tx.gasLimit(),
                tx.gasPrice(), tx.maxFeePerGas(), tx.maxPriorityFeePerGas(), tx.maxFeePerBlobGas(), tx.nonce(),
                tx.accessList(), tx.blobVersionedHashes(), tx.authorizationList());
    }

    private static List<AccessListEntry> accessList(JsonFields fields) {
        List<AccessListEntry> entries = new ArrayList<>();
        List<JsonNode> elements = fields.array("accessList", MAX_LIST);
        for (int i = 0; i < elements.size(); i++) {
            String path = fields.path("accessList") + "[" + i + "]";
            JsonFields entry = JsonFields.of(elements.get(i), path, Set.of("address", "storageKeys"));
            if (!entry.has("address")) {
                throw new InvalidRequestException(entry.path("address"), "is required");
            }
            List<Hash> keys = new ArrayList<>();
            List<JsonNode> keyNodes = entry.array("storageKeys", MAX_LIST);
            for (int k = 0; k < keyNodes.size(); k++) {
                keys.add(JsonFields.hash(keyNodes.get(k), entry.path("storageKeys") + "[" + k + "]"));
            }
            entries.add(new AccessListEntry(entry.address("address"), keys));
        }
        return entries;
    }

    private static List<Hash> hashes(JsonFields fields) {
        List<Hash> hashes = new ArrayList<>();
        List<JsonNode> elements = fields.array("blobVersionedHashes", MAX_LIST);
        for (int i = 0; i < elements.size(); i++) {
            hashes.add(JsonFields.hash(elements.get(i), fields.path("blobVersionedHashes") + "[" + i + "]"));
        }
        return hashes;
    }

    private static List<Authorization> authorizations(JsonFields fields) {
        List<Authorization> list = new ArrayList<>();
        List<JsonNode> elements = fields.array("authorizationList", MAX_LIST);
        for (int i = 0; i < elements.size(); i++) {
            String path = fields.path("authorizationList") + "[" + i + "]";
            JsonFields auth = JsonFields.of(elements.get(i), path,
                    Set.of("chainId", "address", "nonce", "yParity", "v", "r", "s"));
            for (String required : List.of("chainId", "address", "nonce", "r", "s")) {
                if (!auth.has(required)) {
                    throw new InvalidRequestException(auth.path(required), "is required");
                }
            }
            String parityField = auth.has("yParity") ? "yParity" : "v";
            Long parity = auth.uint64(parityField);
            if (parity == null || parity > 0xff) {
                throw new InvalidRequestException(auth.path(parityField), "must be a number below 256");
            }
            list.add(new Authorization(auth.quantity("chainId"), auth.address("address"), auth.uint64("nonce"),
                    parity.intValue(), auth.quantity("r"), auth.quantity("s")));
        }
        return list;
    }
}
