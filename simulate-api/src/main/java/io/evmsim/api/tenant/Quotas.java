package io.evmsim.api.tenant;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * A key's two quotas, shared by every replica through PostgreSQL. Requests per second: a token bucket of
 * Bucket4j (capacity one second's requests, refilled continuously), its state in {@code api_key_bucket},
 * read and written under {@code SELECT ... FOR UPDATE} once per request (or per batch of one key's concurrent
 * requests). Gas per UTC day: charged when results
 * are stored ({@link GasCharges}); a replica reads a key's day total at most once per
 * {@link TenantProperties#gasCacheTtl()}, so the cluster may overshoot a day's gas by what it simulates
 * meanwhile, and a simulation under way is never stopped for it.
 */
public final class Quotas {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** An idle bucket is full again within a second; its row is kept a little longer, then swept. */
    private static final Duration IDLE_BUCKET = Duration.ofMinutes(1);
    /** The most keys whose bucket objects a replica holds: past it they are built again, not kept. */
    private static final int MAX_KEYS_HELD = 100_000;

    private final ProxyManager<String> buckets;
    private final ApiKeyStore store;
    private final Clock clock;
    private final long gasCacheTtlMillis;
    private final Map<UUID, GasRead> gasUsed = new ConcurrentHashMap<>();
    private final Map<UUID, KeyBucket> bucketsByKey = new ConcurrentHashMap<>();

    public Quotas(ProxyManager<String> buckets, ApiKeyStore store, Clock clock, Duration gasCacheTtl) {
        this.buckets = buckets;
        this.store = store;
        this.clock = clock;
        this.gasCacheTtlMillis = gasCacheTtl.toMillis();
    }

    /** Bucket4j's PostgreSQL backend on {@code api_key_bucket}: a bucket is read and written under {@code SELECT ... FOR UPDATE}. */
    public static PostgreSQLSelectForUpdateBasedProxyManager<String> buckets(DataSource dataSource) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("api_key_bucket").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(IDLE_BUCKET))
                .build();
    }

    /** Takes one request from the key's bucket. */
    public RateDecision takeRequest(ApiKey key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return new RateDecision(probe.isConsumed(), probe.getRemainingTokens(),
                seconds(probe.isConsumed() ? probe.getNanosToWaitForReset() : probe.getNanosToWaitForRefill()));
    }

    /**
     * The key's bucket, one object per key and version on this replica: Bucket4j's batching merges the requests
     * of one key that arrive while its bucket's transaction is under way into the next transaction, so a key's
     * burst costs the database one transaction per round trip rather than one per request.
     */
    private BucketProxy bucket(ApiKey key) {
        KeyBucket known = bucketsByKey.get(key.id());
        if (known != null && known.version == key.version()) {
            return known.bucket;
        }
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(key.requestsPerSecond())
                        .refillGreedy(key.requestsPerSecond(), Duration.ofSeconds(1)))
                .build();
        BucketProxy bucket = buckets.builder()
                .withOptimization(Optimizations.batching())
                .build(key.id().toString(), () -> configuration);
        // the stored bucket may have been made for an earlier rate, by any replica: the key's rate as read now
        // applies from the next request, once per key and version here; the tokens left carry over, as many as
        // fit. (Bucket4j's implicit replacement by version is not applied through the batching optimization.)
        bucket.replaceConfiguration(configuration, TokensInheritanceStrategy.AS_IS);
        if (bucketsByKey.size() >= MAX_KEYS_HELD) {
            bucketsByKey.clear();
        }
        bucketsByKey.put(key.id(), new KeyBucket(key.version(), bucket));
        return bucket;
    }

    /** How long until the key may simulate again when its gas for today is spent; zero when it may now. */
    public Duration gasWait(ApiKey key) {
        return gasUsedToday(key.id()) < key.gasPerDay() ? Duration.ZERO : untilTomorrow();
    }

    long gasUsedToday(UUID key) {
        long now = clock.millis();
        LocalDate today = today();
        GasRead read = gasUsed.get(key);
        if (read == null || !read.day.equals(today) || now - read.readAtMillis >= gasCacheTtlMillis) {
            read = new GasRead(today, store.gasUsed(key, today), now);
            gasUsed.put(key, read);
        }
        return read.gas;
    }

    /** Until the next UTC midnight (rounded up to a second), when every key's gas starts again from zero. */
    private Duration untilTomorrow() {
        return Duration.between(clock.instant(), today().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                .plusSeconds(1).withNanos(0);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Whole seconds, rounded up: a client that waits that long finds a token. */
    private static long seconds(long nanos) {
        return (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }

    /**
     * @param remaining requests left in the bucket now
     * @param seconds when allowed, until the bucket is full again; when refused, until the next request is allowed
     */
    public record RateDecision(boolean allowed, long remaining, long seconds) {
    }

    private record GasRead(LocalDate day, long gas, long readAtMillis) {
    }

    private record KeyBucket(int version, BucketProxy bucket) {
    }
}
