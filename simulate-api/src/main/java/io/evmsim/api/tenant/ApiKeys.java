package io.evmsim.api.tenant;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates, changes and revokes keys, and tells who presents a key. What a replica read of a key is trusted
 * for {@link TenantProperties#keyCacheTtl()}, so that a request costs no database read to authenticate; a
 * change made through this replica applies here at once.
 */
public final class ApiKeys {
    /** The most keys remembered per replica: more are read again, not kept. */
    private static final int MAX_CACHED = 100_000;

    private final ApiKeyStore store;
    private final Clock clock;
    private final long cacheTtlMillis;
    /** By the key's hash in base64 (a key itself is never kept): the key, or empty for an unknown key. */
    private final Map<String, Cached> byHash = new ConcurrentHashMap<>();

    public ApiKeys(ApiKeyStore store, Clock clock, Duration cacheTtl) {
        this.store = store;
        this.clock = clock;
        this.cacheTtlMillis = cacheTtl.toMillis();
    }

    /** A new key: stored hashed; the key itself is in the answer only. */
    public Created create(String name, int requestsPerSecond, long gasPerDay) {
        String secret = ApiKeySecrets.newKey();
        ApiKey key = new ApiKey(UUID.randomUUID(), name, ApiKeySecrets.shown(secret), requestsPerSecond, gasPerDay, 1,
                clock.instant(), null);
        store.insert(key, ApiKeySecrets.hash(secret));
        return new Created(key, secret);
    }

    public List<ApiKeyStore.KeyUsage> list() {
        return store.list(today());
    }

    public Optional<ApiKey> update(UUID id, String name, Integer requestsPerSecond, Long gasPerDay) {
        Optional<ApiKey> updated = store.update(id, name, requestsPerSecond, gasPerDay);
        updated.ifPresent(this::forget);
        return updated;
    }

    public Optional<ApiKey> revoke(UUID id) {
        Optional<ApiKey> revoked = store.revoke(id, clock.instant());
        revoked.ifPresent(this::forget);
        return revoked;
    }

    /** The stored key this secret is, or empty when none is (never a key: an unknown one). */
    public Optional<ApiKey> authenticate(String secret) {
        byte[] hash = ApiKeySecrets.hash(secret);
        String cacheKey = java.util.Base64.getEncoder().encodeToString(hash);
        long now = clock.millis();
        Cached cached = byHash.get(cacheKey);
        if (cached != null && now - cached.readAtMillis < cacheTtlMillis) {
            return cached.key;
        }
        Optional<ApiKey> key = store.findByHash(hash);
        if (byHash.size() >= MAX_CACHED) {
            byHash.clear();
        }
        byHash.put(cacheKey, new Cached(key, now));
        return key;
    }

    private void forget(ApiKey key) {
        byHash.values().removeIf(cached -> cached.key.isPresent() && cached.key.get().id().equals(key.id()));
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** A key just created, with its secret: shown once. */
    public record Created(ApiKey key, String secret) {
    }

    private record Cached(Optional<ApiKey> key, long readAtMillis) {
    }
}
