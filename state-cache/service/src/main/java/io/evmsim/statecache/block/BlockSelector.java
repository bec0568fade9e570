package io.evmsim.statecache.block;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.types.Hash;
import java.util.Locale;
import java.util.Set;

/** Which block a caller means: a tag, a number, or a hash (the forms of {@code StateCacheClient.resolveBlock}). */
public sealed interface BlockSelector {
    Set<String> TAGS = Set.of("latest", "safe", "finalized", "earliest");

    record Tag(String name) implements BlockSelector {
    }

    record Number(long number) implements BlockSelector {
    }

    record ByHash(Hash hash) implements BlockSelector {
    }

    /** The JSON-RPC block parameter for this selector (EIP-1898 object for a hash). */
    default Object rpcParameter() {
        return switch (this) {
            case Tag tag -> tag.name();
            case Number number -> "0x" + Long.toHexString(number.number());
            case ByHash byHash -> java.util.Map.of("blockHash", byHash.hash().toString());
        };
    }

    /**
     * Parses "latest" | "safe" | "finalized" | "earliest" | 0x-number | decimal | 0x-32-byte hash.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code blockId}
     */
    static BlockSelector parse(String blockId) {
        if (blockId == null || blockId.isBlank()) {
            throw new IllegalArgumentException("blockId is empty");
        }
        String id = blockId.trim().toLowerCase(Locale.ROOT);
        if (TAGS.contains(id)) {
            return new Tag(id);
        }
        if (Hex.hasPrefix(id)) {
            String digits = id.substring(2);
            if (digits.length() == 2 * Hash.SIZE) {
                return new ByHash(Hash.fromHex(id));
            }
            if (digits.isEmpty() || digits.length() > 15 || !digits.matches("[0-9a-f]+")) {
                throw new IllegalArgumentException("blockId '" + blockId
                        + "' is neither a 0x block number (at most 15 hex digits) nor a 32-byte block hash");
            }
            return new Number(Long.parseLong(digits, 16));
        }
        if (id.matches("[0-9]{1,18}")) {
            return new Number(Long.parseLong(id));
        }
        throw new IllegalArgumentException("blockId '" + blockId
                + "' is not one of latest, safe, finalized, earliest, a block number or a block hash");
    }
}
