package io.evmsim.api.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evmsim.api.tenant.TenantMetrics.AuthFailure;
import io.evmsim.api.tenant.TenantMetrics.RequestOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenantMetricsTest {
    @Test
    void keysPastTheLimitAreCountedAsOtherSoTheSeriesStayBounded() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TenantMetrics metrics = new TenantMetrics(registry, 2);
        for (int i = 0; i < 10; i++) {
            metrics.request(key("key-" + i), RequestOutcome.SERVED);
        }
        assertEquals(1, registry.get("evmsim.tenant.requests").tag("key", "key-0").counter().count());
        assertEquals(1, registry.get("evmsim.tenant.requests").tag("key", "key-1").counter().count());
        assertEquals(8, registry.get("evmsim.tenant.requests").tag("key", TenantMetrics.OTHER).tag("outcome", "served")
                .counter().count());
        assertEquals(3, registry.get("evmsim.tenant.requests").counters().size());
    }

    @Test
    void refusalsAreCountedByReasonFromZero() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TenantMetrics metrics = new TenantMetrics(registry, 50);
        assertEquals(0, registry.get("evmsim.tenant.auth.failures").tag("reason", "revoked").counter().count());
        metrics.refused(AuthFailure.REVOKED);
        assertEquals(1, registry.get("evmsim.tenant.auth.failures").tag("reason", "revoked").counter().count());
    }

    private static ApiKey key(String name) {
        return new ApiKey(UUID.randomUUID(), name, "evs_abcdef", 1, 1, 1, Instant.EPOCH, null);
    }
}
