package io.evmsim.api.tenant;

import java.util.Optional;

/**
 * The key of the request a thread serves, set by {@link TenantFilter} for the request's duration. Inherited by
 * the threads a request starts (a JSON-RPC batch runs its elements on virtual threads of its own), so that
 * every simulation it publishes is owned by its key.
 */
final class CurrentKey {
    private static final InheritableThreadLocal<ApiKey> KEY = new InheritableThreadLocal<>();

    private CurrentKey() {
    }

    static Optional<ApiKey> get() {
        return Optional.ofNullable(KEY.get());
    }

    static void set(ApiKey key) {
        KEY.set(key);
    }

    static void clear() {
        KEY.remove();
    }
}
