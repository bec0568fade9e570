package io.evmsim.common.tx;

import io.evmsim.common.rlp.Rlp;
import io.evmsim.common.rlp.RlpItem;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One EIP-2930 access-list entry: an address and the storage keys to warm in it. */
public record AccessListEntry(Address address, List<Hash> storageKeys) {
    public AccessListEntry {
        Objects.requireNonNull(address, "address");
        storageKeys = List.copyOf(storageKeys);
    }

    /** RLP([address, [storageKey, ...]]). */
    public byte[] encode() {
        List<byte[]> keys = new ArrayList<>(storageKeys.size());
        for (Hash key : storageKeys) {
            keys.add(Rlp.encodeHash(key));
        }
        return Rlp.encodeList(Rlp.encodeAddress(address), Rlp.encodeList(keys));
    }

    static AccessListEntry decode(RlpItem item) {
        if (!item.isList() || item.size() != 2) {
            throw new InvalidTransactionException("an access-list entry is [address, storageKeys], got " + item);
        }
        List<Hash> keys = new ArrayList<>();
        for (RlpItem key : item.get(1).items()) {
            keys.add(key.asHash());
        }
        return new AccessListEntry(item.get(0).asAddress(), keys);
    }

    static byte[] encodeList(List<AccessListEntry> accessList) {
        List<byte[]> entries = new ArrayList<>(accessList.size());
        for (AccessListEntry entry : accessList) {
            entries.add(entry.encode());
        }
        return Rlp.encodeList(entries);
    }

    static List<AccessListEntry> decodeList(RlpItem item) {
        List<AccessListEntry> entries = new ArrayList<>();
        for (RlpItem entry : item.items()) {
            entries.add(decode(entry));
        }
        return entries;
    }
}
