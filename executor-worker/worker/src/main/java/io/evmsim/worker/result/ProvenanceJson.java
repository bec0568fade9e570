package io.evmsim.worker.result;

import io.evmsim.common.simulation.AccountOverride;
import io.evmsim.common.simulation.BlockOverrides;
import io.evmsim.common.simulation.StateProvenance;
import io.evmsim.common.types.Address;
import io.evmsim.worker.state.PrefetchedState.UnprovenRead;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A result's {@code provenance}: what the simulation's state rests on. {@code proven} is true only when every
 * account and slot it read was proven against the pinned block's state root and the request overrode nothing;
 * otherwise {@code unproven} names the reads that were not (each with its {@code source}: PLAIN, CARRIED or
 * DEVNET, at most {@link #MAX_LISTED}, {@code unprovenReads} counting them all) and {@code overridden} the state
 * and block fields the request set itself (source OVERRIDDEN). Always written: it is a few bytes when proven.
 */
public final class ProvenanceJson {
    /** Entries listed at most per list; the counts say how many there were. */
    public static final int MAX_LISTED = 64;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ProvenanceJson() {
    }

    public static ObjectNode of(Map<UnprovenRead, StateProvenance> unprovenReads,
            Map<Address, AccountOverride> stateOverrides, BlockOverrides blockOverrides) {
        ObjectNode node = JSON.objectNode();
        List<String> blockFields = blockFields(blockOverrides);
        boolean proven = unprovenReads.isEmpty() && stateOverrides.isEmpty() && blockFields.isEmpty();
        node.put("proven", proven);
        if (proven) {
            return node;
        }
        node.put("unprovenReads", unprovenReads.size());
        ArrayNode unproven = node.putArray("unproven");
        unprovenReads.entrySet().stream().limit(MAX_LISTED).forEach(read -> {
            ObjectNode entry = unproven.addObject();
            entry.put("address", read.getKey().address().toString());
            if (read.getKey().slot() != null) {
                entry.put("slot", read.getKey().slot().toQuantity());
            }
            entry.put("source", read.getValue().name());
        });
        ArrayNode overridden = node.putArray("overridden");
        stateOverrides.entrySet().stream().limit(MAX_LISTED).forEach(override -> {
            ObjectNode entry = overridden.addObject();
            entry.put("address", override.getKey().toString());
            ArrayNode fields = entry.putArray("fields");
            accountFields(override.getValue()).forEach(fields::add);
            entry.put("source", StateProvenance.OVERRIDDEN.name());
        });
        if (!blockFields.isEmpty()) {
            ObjectNode entry = overridden.addObject();
            ArrayNode fields = entry.putArray("block");
            blockFields.forEach(fields::add);
            entry.put("source", StateProvenance.OVERRIDDEN.name());
        }
        node.put("overriddenAccounts", stateOverrides.size());
        return node;
    }

    private static List<String> accountFields(AccountOverride override) {
        List<String> fields = new ArrayList<>();
        if (override.balance() != null) {
            fields.add("balance");
        }
        if (override.nonce() != null) {
            fields.add("nonce");
        }
        if (override.code() != null) {
            fields.add("code");
        }
        if (override.state() != null) {
            fields.add("state");
        }
        if (override.stateDiff() != null) {
            fields.add("stateDiff");
        }
        if (override.movePrecompileToAddress() != null) {
            fields.add("movePrecompileToAddress");
        }
        return fields;
    }

    private static List<String> blockFields(BlockOverrides overrides) {
        List<String> fields = new ArrayList<>();
        if (overrides == null) {
            return fields;
        }
        if (overrides.number() != null) {
            fields.add("number");
        }
        if (overrides.timestamp() != null) {
            fields.add("timestamp");
        }
        if (overrides.baseFee() != null) {
            fields.add("baseFee");
        }
        if (overrides.coinbase() != null) {
            fields.add("coinbase");
        }
        if (overrides.prevRandao() != null) {
            fields.add("prevRandao");
        }
        if (overrides.gasLimit() != null) {
            fields.add("gasLimit");
        }
        if (overrides.blobBaseFee() != null) {
            fields.add("blobBaseFee");
        }
        return fields;
    }
}
