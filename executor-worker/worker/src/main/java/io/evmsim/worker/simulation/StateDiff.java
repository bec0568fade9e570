package io.evmsim.worker.simulation;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.state.Account;
import io.evmsim.evm.state.AccountState;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.state.StorageSlot;
import io.evmsim.evm.state.WorldState;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each transaction's state diff with the semantics of geth's prestate tracer in diff mode:
 * {@code pre} holds the accounts the transaction changed as they were before it (balance, nonce,
 * code when not empty, the changed slots that were not zero), {@code post} only what changed (slots
 * that became zero are left out); a created account is absent from {@code pre}, a deleted one from
 * {@code post}. Built from the journaled state after each transaction, against the state before it.
 */
final class StateDiff {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final WorldState initial;
    private final Map<Address, AccountView> committed = new HashMap<>();

    StateDiff(WorldState initial) {
        this.initial = initial;
    }

    /** The diff of the transaction that just finished; remembers the new state for the next one. */
    ObjectNode next(JournaledState state) {
        ObjectNode pre = JSON.objectNode();
        ObjectNode post = JSON.objectNode();
        Map<Address, AccountView> after = new TreeMap<>(java.util.Comparator.comparing(Address::toString));
        for (Account account : state.loadedAccounts()) {
            after.put(account.address(), AccountView.of(account));
        }
        for (Map.Entry<Address, AccountView> entry : after.entrySet()) {
            Address address = entry.getKey();
            AccountView now = entry.getValue();
            AccountView before = committed.containsKey(address) ? committed.get(address) : load(address, now);
            Map<UInt256, UInt256> beforeSlots = new HashMap<>(before.storage());
            for (UInt256 key : now.storage().keySet()) {
                beforeSlots.computeIfAbsent(key, k -> before.exists() ? initialStorage(address, k) : UInt256.ZERO);
            }
            AccountView full = new AccountView(before.exists(), before.balance(), before.nonce(), before.code(),
                    beforeSlots);
            describe(address, full, now, pre, post);
            committed.put(address, now);
        }
        ObjectNode diff = JSON.objectNode();
        diff.set("pre", pre);
        diff.set("post", post);
        return diff;
    }

    private UInt256 initialStorage(Address address, UInt256 key) {
        return initial.storage(address, key);
    }

    private AccountView load(Address address, AccountView now) {
        AccountState account = initial.account(address);
        if (account == null) {
            return new AccountView(false, UInt256.ZERO, 0, new byte[0], Map.of());
        }
        byte[] code = Hash.EMPTY_CODE.equals(account.codeHash()) ? new byte[0]
                : initial.code(address, account.codeHash());
        return new AccountView(true, account.balance(), account.nonce(), code, Map.of());
    }

    private static void describe(Address address, AccountView before, AccountView now, ObjectNode pre,
            ObjectNode post) {
        ObjectNode changedSlotsBefore = JSON.objectNode();
        ObjectNode changedSlotsAfter = JSON.objectNode();
        for (Map.Entry<UInt256, UInt256> slot : now.storage().entrySet()) {
            UInt256 old = before.storage().getOrDefault(slot.getKey(), UInt256.ZERO);
            if (!old.equals(slot.getValue())) {
                if (!old.isZero()) {
                    changedSlotsBefore.put(word(slot.getKey()), word(old));
                }
                if (!slot.getValue().isZero()) {
                    changedSlotsAfter.put(word(slot.getKey()), word(slot.getValue()));
                }
            }
        }
        boolean balance = !before.balance().equals(now.balance());
        boolean nonce = before.nonce() != now.nonce();
        boolean code = !Arrays.equals(before.code(), now.code());
        boolean storage = !changedSlotsBefore.isEmpty() || !changedSlotsAfter.isEmpty();
        boolean existence = before.exists() != now.exists();
        if (!(balance || nonce || code || storage || existence)) {
            return;
        }
        if (before.exists()) {
            ObjectNode account = accountNode(before.balance(), before.nonce(), before.code());
            if (!changedSlotsBefore.isEmpty()) {
                account.set("storage", changedSlotsBefore);
            }
            pre.set(address.toString(), account);
        }
        if (now.exists()) {
            ObjectNode account = JSON.objectNode();
            if (balance || !before.exists()) {
                account.put("balance", now.balance().toString());
            }
            if (nonce) {
                account.put("nonce", now.nonce());
            }
            if (code) {
                account.put("code", Hex.encode(now.code()));
            }
            if (!changedSlotsAfter.isEmpty()) {
                account.set("storage", changedSlotsAfter);
            }
            post.set(address.toString(), account);
        }
    }

    private static ObjectNode accountNode(UInt256 balance, long nonce, byte[] code) {
        ObjectNode account = JSON.objectNode();
        account.put("balance", balance.toString());
        if (nonce != 0) {
            account.put("nonce", nonce);
        }
        if (code.length > 0) {
            account.put("code", Hex.encode(code));
        }
        return account;
    }

    static String word(UInt256 value) {
        return Hex.encode(value.toBytes32());
    }

    /** An account as the diff compares it. */
    record AccountView(boolean exists, UInt256 balance, long nonce, byte[] code, Map<UInt256, UInt256> storage) {
        static AccountView of(Account account) {
            Map<UInt256, UInt256> storage = new HashMap<>();
            for (Map.Entry<UInt256, StorageSlot> slot : account.loadedSlots()) {
                storage.put(slot.getKey(), slot.getValue().current());
            }
            return new AccountView(account.exists(), account.balance(), account.nonce(), account.code().bytes(),
                    storage);
        }
    }
}
