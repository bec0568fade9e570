package io.evmsim.worker.result;

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
 * {@code {pre, post}} exactly as geth's prestate tracer writes it in diff mode: balances as hex
 * quantities, nonces as numbers, code as hex, slots as 32-byte words; empty fields omitted.
 */
final class StateDiffJson {
    private StateDiffJson() {
    }

    static ObjectNode of(StateDiff diff) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("pre", accounts(diff.pre()));
        node.set("post", accounts(diff.post()));
        return node;
    }

    private static ObjectNode accounts(SortedMap<Address, AccountSnapshot> accounts) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        accounts.forEach((address, account) -> {
            ObjectNode a = node.putObject(address.toString());
            if (account.balance() != null) {
                a.put("balance", account.balance().toString());
            }
            if (account.nonce() != 0) {
                a.put("nonce", account.nonce());
            }
            if (account.code() != null) {
                a.put("code", Hex.encode(account.code().bytes()));
            }
            if (!account.storage().isEmpty()) {
                ObjectNode storage = a.putObject("storage");
                for (Map.Entry<UInt256, UInt256> slot : account.storage().entrySet()) {
                    storage.put(Hex.encode(slot.getKey().toBytes32()), Hex.encode(slot.getValue().toBytes32()));
                }
            }
        });
        return node;
    }
}
