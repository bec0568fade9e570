package io.evmsim.api.tenant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per key: {@code evmsim.tenant.requests} {key, outcome} (served, rate_limited, gas_exhausted) counted where the
 * request arrived, {@code evmsim.tenant.gas} {key} counted where the result is stored (once per simulation);
 * and {@code evmsim.tenant.auth.failures} {reason} (missing, unknown, revoked), which names no key. The
 * {@code key} tag is the key's name for the first {@link TenantProperties#metricKeys()} keys a replica sees and
 * {@code other} after them: the series stay bounded whatever the number of keys.
 */
public final class TenantMetrics {
    static final String OTHER = "other";

    private final MeterRegistry registry;
    private final int maxKeys;
    /** The tag of each key seen, by id: its name when it came early enough, else {@link #OTHER}. */
    private final Map<UUID, String> tags = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public TenantMetrics(MeterRegistry registry, int maxKeys) {
        this.registry = registry;
        this.maxKeys = maxKeys;
        for (AuthFailure failure : AuthFailure.values()) {
            authFailure(failure); // at zero, so a dashboard shows 0 rather than no data
        }
        counter("evmsim.tenant.requests", "Requests presenting a key, by key and outcome", "key", OTHER, "served");
        counter("evmsim.tenant.gas", "Gas simulated, by key", "key", OTHER, null);
    }

    void request(ApiKey key, RequestOutcome outcome) {
        counter("evmsim.tenant.requests", "Requests presenting a key, by key and outcome", "key",
                tag(key.id(), key.name()), outcome.tag()).increment();
    }

    void gas(UUID key, String name, long gas) {
        counter("evmsim.tenant.gas", "Gas simulated, by key", "key", tag(key, name), null).increment(gas);
    }

    void refused(AuthFailure failure) {
        authFailure(failure).increment();
    }

    private Counter authFailure(AuthFailure failure) {
        return counters.computeIfAbsent("auth " + failure, name -> Counter.builder("evmsim.tenant.auth.failures")
                .description("Requests refused for their key, by reason").tag("reason", failure.tag())
                .register(registry));
    }

    private String tag(UUID key, String name) {
        return tags.computeIfAbsent(key, id -> tags.size() < maxKeys ? name : OTHER);
    }

    private Counter counter(String name, String description, String tagName, String tag, String outcome) {
        return counters.computeIfAbsent(name + ' ' + tag + ' ' + outcome, id -> {
            Counter.Builder builder = Counter.builder(name).description(description).tag(tagName, tag);
            return (outcome == null ? builder : builder.tag("outcome", outcome)).register(registry);
        });
    }

    /** What became of a request that presented a valid key. */
    enum RequestOutcome {
        SERVED, RATE_LIMITED, GAS_EXHAUSTED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why a request was refused for its key. */
    enum AuthFailure {
        MISSING, UNKNOWN, REVOKED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
