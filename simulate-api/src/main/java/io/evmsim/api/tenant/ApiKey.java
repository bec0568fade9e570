package io.evmsim.api.tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * A key as stored: never the key itself, which only its holder has.
 *
 * @param prefix the key's first characters, to recognise it in a list
 * @param version raised by every change of the quotas (the rate limiter takes the new rate when it changes)
 * @param revokedAt when it was revoked, or null
 */
public record ApiKey(UUID id, String name, String prefix, int requestsPerSecond, long gasPerDay, int version,
        Instant createdAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
