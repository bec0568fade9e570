package io.evmsim.api.request;

import io.evmsim.api.simulation.SimulationLimits;
import io.evmsim.common.abi.Abi;
import io.evmsim.common.simulation.AccountOverride;
import io.evmsim.common.simulation.BlockOverrides;
import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.ResultPart;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a request body into a {@link SimulationRequest}, or refuses it with the first field that is
 * wrong. Nothing malformed gets past this class, so the worker only sees well-formed requests.
 */
public final class SimulationRequestReader {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Set<String> COMMON_FIELDS = Set.of("block", "witness", "stateOverrides", "blockOverrides", "validation",
            "include", "abis");
    private static final Set<String> BUNDLE_FIELDS = Set.of("transactions", "stopOnRevert");
    private static final Set<String> OVERRIDE_FIELDS = Set.of("balance", "nonce", "code", "state", "stateDiff");
    /** JSON-RPC's overrides add eth_simulateV1's {@code movePrecompileToAddress}. */
    public static final Set<String> RPC_OVERRIDE_FIELDS = Set.of("balance", "nonce", "code", "state", "stateDiff",
            "movePrecompileToAddress");
    private static final Set<String> BLOCK_OVERRIDE_FIELDS = Set.of("number", "timestamp", "baseFee",
            "baseFeePerGas", "coinbase", "feeRecipient", "prevRandao", "gasLimit", "blobBaseFee");
    private static final Pattern BLOCK_ID = Pattern.compile(
            "latest|safe|finalized|earliest|pending|0x[0-9a-fA-F]{64}|0x[0-9a-fA-F]{1,16}|[0-9]{1,19}");
    private static final int MAX_OVERRIDDEN_ACCOUNTS = 1_000;
    private static final int MAX_OVERRIDDEN_SLOTS = 10_000;
    private static final int MAX_ABIS = 100;

    private final SimulationLimits limits;

    public SimulationRequestReader(SimulationLimits limits) {
        this.limits = limits;
    }

    public SimulationRequest read(byte[] body, SimulationKind kind, String id, String replyTo, long nowMillis) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidRequestException("body", "not valid JSON: " + e.getOriginalMessage());
        }
        Set<String> allowed = new HashSet<>(COMMON_FIELDS);
        allowed.addAll(kind == SimulationKind.BUNDLE ? BUNDLE_FIELDS : TransactionReader.CALL_FIELDS);
        JsonFields fields = JsonFields.of(root, "", allowed);
        List<CallRequest> transactions = kind == SimulationKind.BUNDLE ? bundle(fields)
                : List.of(TransactionReader.read(fields, limits.gasCap()));
        Boolean stopOnRevert = kind == SimulationKind.BUNDLE ? fields.bool("stopOnRevert") : null;
        Boolean validation = fields.bool("validation");
        return new SimulationRequest(id, replyTo, kind, block(fields), transactions, stateOverrides(fields),
                blockOverrides(fields), Boolean.TRUE.equals(stopOnRevert), Boolean.TRUE.equals(validation),
                limits.gasCap(), limits.deadline().toMillis(), nowMillis, null, include(fields), abis(fields));
    }

    /** The parts asked for, and the witness when {@code "witness": true}. */
    private static Set<ResultPart> include(JsonFields fields) {
        Set<ResultPart> parts = EnumSet.noneOf(ResultPart.class);
        parts.addAll(includedParts(fields));
        if (Boolean.TRUE.equals(fields.bool("witness"))) {
            parts.add(ResultPart.WITNESS);
        }
        return parts;
    }

    /** The parts of each transaction's result asked for: every part when {@code include} is absent. */
    private static Set<ResultPart> includedParts(JsonFields fields) {
        if (!fields.has("include")) {
            return ResultPart.ALL;
        }
        List<JsonNode> names = fields.array("include", ResultPart.values().length * 2);
        Set<ResultPart> parts = EnumSet.noneOf(ResultPart.class);
        for (int i = 0; i < names.size(); i++) {
            JsonNode name = names.get(i);
            ResultPart part = name.isString() ? ResultPart.named(name.stringValue()) : null;
            if (part == null) {
                throw new InvalidRequestException("include[" + i + "]", "must be one of " + ResultPart.names());
            }
            parts.add(part);
        }
        return parts;
    }

    private List<CallRequest> bundle(JsonFields fields) {
        if (!fields.has("transactions")) {
            throw new InvalidRequestException("transactions", "is required");
        }
        List<JsonNode> elements = fields.array("transactions", limits.maxBundleTransactions());
        if (elements.isEmpty()) {
            throw new InvalidRequestException("transactions", "must not be empty");
        }
        List<CallRequest> transactions = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            JsonFields tx = JsonFields.of(elements.get(i), "transactions[" + i + "]", TransactionReader.CALL_FIELDS);
            transactions.add(TransactionReader.read(tx, limits.gasCap()));
        }
        return transactions;
    }

    private static String block(JsonFields fields) {
        JsonNode block = fields.raw("block");
        if (block == null) {
            return "latest";
        }
        if (block.isIntegralNumber()) {
            return Long.toString(JsonFields.uint64(block, "block"));
        }
        if (!block.isString() || !BLOCK_ID.matcher(block.stringValue()).matches()) {
            throw new InvalidRequestException("block",
                    "must be latest, safe, finalized, earliest, a block number or a 32-byte block hash");
        }
        return block.stringValue();
    }

    /**
     * The client's ABIs by contract address, each checked here ({@link Abi#parse}) so that the worker
     * decodes only well-formed ones; an error names the entry ({@code abis.0x...[2].inputs[0].type}).
     */
    private static Map<Address, String> abis(JsonFields fields) {
        JsonNode node = fields.raw("abis");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidRequestException("abis", "must be an object of contract address to JSON ABI");
        }
        if (node.size() > MAX_ABIS) {
            throw new InvalidRequestException("abis", "at most " + MAX_ABIS + " contracts");
        }
        Map<Address, String> abis = new LinkedHashMap<>();
        for (String key : node.propertyNames()) {
            String path = "abis." + key;
            Address address = JsonFields.address(JSON.getNodeFactory().stringNode(key), path);
            try {
                Abi.parse(node.get(key));
            } catch (IllegalArgumentException e) {
                int colon = e.getMessage().indexOf(": ");
                throw new InvalidRequestException(path + e.getMessage().substring(0, colon),
                        e.getMessage().substring(colon + 2));
            }
            abis.put(address, node.get(key).toString());
        }
        return abis;
    }

    private static Map<Address, AccountOverride> stateOverrides(JsonFields fields) {
        return stateOverrides(fields.raw("stateOverrides"), "stateOverrides", OVERRIDE_FIELDS);
    }

    /** State overrides keyed by address, each with only the {@code allowed} fields; empty when absent. */
    public static Map<Address, AccountOverride> stateOverrides(JsonNode node, String where, Set<String> allowed) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidRequestException(where, "must be an object keyed by address");
        }
        if (node.size() > MAX_OVERRIDDEN_ACCOUNTS) {
            throw new InvalidRequestException(where, "at most " + MAX_OVERRIDDEN_ACCOUNTS + " accounts");
        }
        Map<Address, AccountOverride> overrides = new LinkedHashMap<>();
        for (String key : node.propertyNames()) {
            String path = where + "." + key;
            Address address = JsonFields.address(JSON.getNodeFactory().stringNode(key), path);
            JsonFields account = JsonFields.of(node.get(key), path, allowed);
            if (account.has("state") && account.has("stateDiff")) {
                throw new InvalidRequestException(account.path("stateDiff"), "give state or stateDiff, not both");
            }
            overrides.put(address, new AccountOverride(account.quantity("balance"), account.unsignedUint64("nonce"),
                    account.bytes("code"), slots(account, "state"), slots(account, "stateDiff"),
                    account.address("movePrecompileToAddress")));
        }
        return overrides;
    }

    private static Map<UInt256, UInt256> slots(JsonFields account, String name) {
        JsonNode node = account.raw(name);
        if (node == null) {
            return null;
        }
        String path = account.path(name);
        if (!node.isObject()) {
            throw new InvalidRequestException(path, "must be an object of 32-byte slot to 32-byte value");
        }
        if (node.size() > MAX_OVERRIDDEN_SLOTS) {
            throw new InvalidRequestException(path, "at most " + MAX_OVERRIDDEN_SLOTS + " slots");
        }
        Map<UInt256, UInt256> slots = new LinkedHashMap<>();
        for (String key : node.propertyNames()) {
            String slotPath = path + "." + key;
            UInt256 slot = UInt256.fromBytes(JsonFields.hash(JSON.getNodeFactory().stringNode(key), slotPath).toArray());
            slots.put(slot, UInt256.fromBytes(JsonFields.hash(node.get(key), slotPath).toArray()));
        }
        return slots;
    }

    private static BlockOverrides blockOverrides(JsonFields fields) {
        if (!fields.has("blockOverrides")) {
            return null;
        }
        JsonFields block = JsonFields.of(fields.raw("blockOverrides"), "blockOverrides", BLOCK_OVERRIDE_FIELDS);
        return new BlockOverrides(block.uint64("number"), block.uint64("timestamp"),
                either(block, "baseFee", "baseFeePerGas"), block.has("coinbase") ? block.address("coinbase")
                        : block.address("feeRecipient"), block.quantity("prevRandao"), block.uint64("gasLimit"),
                block.quantity("blobBaseFee"));
    }

    private static UInt256 either(JsonFields block, String name, String alias) {
        if (block.has(name) && block.has(alias)) {
            throw new InvalidRequestException(block.path(alias), "give " + name + " or " + alias + ", not both");
        }
        return block.has(name) ? block.quantity(name) : block.quantity(alias);
    }
}
