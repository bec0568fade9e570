package io.evmsim.statecache.follow;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.state.AccountUpdate;
import io.evmsim.statecache.state.SlotKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The state changes of one block, from the prestate tracer in diff mode (one pre/post pair per transaction,
 * applied in order): {@code post} holds the fields a transaction changed, an account in {@code pre} but not in
 * {@code post} was deleted, and a slot in pre's storage but not in post's was cleared to zero.
 */
public final class StateDiff {
    /** Accounts whose cached row must not be carried: created, or with a new storage root. */
    public final Set<Address> replaced = new HashSet<>();
    /** Accounts of which nothing may be carried, storage included: deleted, or changed outside transactions. */
    public final Set<Address> wiped = new HashSet<>();
    public final Map<Address, AccountUpdate> updates = new HashMap<>();
    public final Map<SlotKey, UInt256> slots = new HashMap<>();
    public final Map<Hash, byte[]> code = new HashMap<>();

    /** Reads the answer of debug_traceBlockByHash with {prestateTracer, diffMode: true}. */
    public static StateDiff of(JsonNode traces) {
        StateDiff diff = new StateDiff();
        for (JsonNode trace : traces) {
            JsonNode result = trace.path("result");
            diff.apply(result.path("pre"), result.path("post"));
        }
        return diff;
    }

    /** Marks accounts changed outside transactions (system calls, withdrawals): nothing of theirs is carried. */
    public void wipe(Set<Address> addresses) {
        wiped.addAll(addresses);
    }

    private void apply(JsonNode pre, JsonNode post) {
        for (var entry : pre.properties()) {
            Address address = Address.fromHex(entry.getKey());
            JsonNode after = post.get(entry.getKey());
            if (after == null) {
                wiped.add(address);
                continue;
            }
            for (var slot : entry.getValue().path("storage").properties()) {
                if (!after.path("storage").has(slot.getKey())) {
                    slots.put(new SlotKey(address, UInt256.parse(slot.getKey())), UInt256.ZERO);
                }
            }
        }
        for (var entry : post.properties()) {
            Address address = Address.fromHex(entry.getKey());
            JsonNode after = entry.getValue();
            if (!pre.has(entry.getKey())) {
                replaced.add(address);
            }
            for (var slot : after.path("storage").properties()) {
                slots.put(new SlotKey(address, UInt256.parse(slot.getKey())), UInt256.parse(slot.getValue().asString()));
            }
            if (after.has("storage") || hasClearedSlot(pre.path(entry.getKey()), after)) {
                replaced.add(address);
            }
            Hash codeHash = null;
            if (after.has("code")) {
                byte[] bytes = Hex.decode(after.get("code").asString());
                codeHash = bytes.length == 0 ? Hash.EMPTY_CODE : Keccak.hash(bytes);
                code.put(codeHash, bytes);
            }
            AccountUpdate update = new AccountUpdate(
                    after.has("balance") ? UInt256.parse(after.get("balance").asString()) : null,
                    after.has("nonce") ? quantity(after.get("nonce")) : null, codeHash);
            updates.merge(address, update, AccountUpdate::then);
        }
    }

    private static boolean hasClearedSlot(JsonNode before, JsonNode after) {
        for (var slot : before.path("storage").properties()) {
            if (!after.path("storage").has(slot.getKey())) {
                return true;
            }
        }
        return false;
    }

    /** Nonces come as JSON numbers from some nodes and as 0x-quantities from others. */
    private static long quantity(JsonNode node) {
        return node.isNumber() ? node.asLong() : Long.decode(node.asString());
    }
}
