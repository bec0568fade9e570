package io.evmsim.evm.state;

import io.evmsim.common.types.Hash;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Code and its jump-destination analysis shared across executions by code hash, so that a contract
 * is analysed once however many transactions call it. Bounded: cleared when it grows past its size.
 */
public final class CodeCache {
    private final ConcurrentHashMap<Hash, Code> byHash = new ConcurrentHashMap<>();
    private final int maxEntries;

    public CodeCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    public Code get(Hash hash, Supplier<byte[]> loader) {
        if (Hash.EMPTY_CODE.equals(hash)) {
            return Code.EMPTY;
        }
        Code code = byHash.get(hash);
        if (code == null) {
            if (byHash.size() >= maxEntries) {
                byHash.clear();
            }
            code = new Code(loader.get(), hash);
            byHash.putIfAbsent(hash, code);
        }
        return code;
    }

    public Code intern(Code code) {
        if (code.size() == 0) {
            return Code.EMPTY;
        }
        Code existing = byHash.putIfAbsent(code.hash(), code);
        return existing != null ? existing : code;
    }
}
