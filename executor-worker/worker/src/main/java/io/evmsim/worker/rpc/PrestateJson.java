package io.evmsim.worker.rpc;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.trace.prestate.AccountSnapshot;
import io.evmsim.evm.trace.prestate.StateDiff;
import java.util.Map;
import java.util.SortedMap;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * geth's {@code prestateTracer} output ({@code eth/tracers/native/prestate.go}): accounts by address
 * with {@code balance}, {@code nonce} (a JSON number, left out when zero), {@code code} and
 * {@code storage}, each left out when absent; in diff mode {@code pre} and {@code post}.
 */
final class PrestateJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PrestateJson() {
    }

    static ObjectNode of(SortedMap<Address, AccountSnapshot> accounts) {
        ObjectNode node = JSON.objectNode();
        accounts.forEach((address, account) -> node.set(address.toString(), account(account)));
        return node;
    }

    static ObjectNode diff(StateDiff diff) {
        ObjectNode node = JSON.objectNode();
        node.set("post", of(diff.post()));
        node.set("pre", of(diff.pre()));
        return node;
    }

    private static ObjectNode account(AccountSnapshot account) {
        ObjectNode node = JSON.objectNode();
        if (account.balance() != null) {
            node.put("balance", account.balance().toQuantity());
        }
        if (account.nonce() != 0) {
            node.put("nonce", account.nonce());
        }
        if (account.code() != null) {
            node.put("code", Hex.encode(account.code().bytes()));
        }
        if (!account.storage().isEmpty()) {
            ObjectNode storage = node.putObject("storage");
            for (Map.Entry<UInt256, UInt256> slot : account.storage().entrySet()) {
                storage.put(Hex.encode(slot.getKey().toBytes32()), Hex.encode(slot.getValue().toBytes32()));
            }
        }
        return node;
    }
}
