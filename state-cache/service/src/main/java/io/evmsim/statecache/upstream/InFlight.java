package io.evmsim.statecache.upstream;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Merges identical requests in flight: the first caller for a key loads it, the others wait for that answer
 * (or its failure) instead of asking the upstream again.
 */
public final class InFlight<K, V> {
    private final ConcurrentHashMap<K, CompletableFuture<V>> pending = new ConcurrentHashMap<>();

    /** The value for {@code key}: loaded by this call, or by an identical call already running. */
    public V load(K key, Supplier<V> loader) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = pending.putIfAbsent(key, mine);
        if (running != null) {
            return join(running);
        }
        try {
            V value = loader.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            pending.remove(key, mine);
        }
    }

    /** A key claimed by {@link #claim}: the owner must complete (or fail) the future, the others wait on it. */
    public record Claim<V>(CompletableFuture<V> future, boolean owner) {
    }

    /** Claims {@code key} for the caller, or answers the identical load already running. */
    public Claim<V> claim(K key) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = pending.putIfAbsent(key, mine);
        if (running != null) {
            return new Claim<>(running, false);
        }
        mine.whenComplete((value, error) -> pending.remove(key, mine));
        return new Claim<>(mine, true);
    }

    public static <V> V join(CompletableFuture<V> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
