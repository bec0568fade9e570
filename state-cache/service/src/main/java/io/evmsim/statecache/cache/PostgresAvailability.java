package io.evmsim.statecache.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether the PostgreSQL tier can be used. The cache does without it: once an operation fails for want of the
 * database, the tier is skipped (its reads miss, its writes are dropped) and requests are served from the memory
 * tier and the state source, without waiting on a dead database again. Every {@code probeInterval} one
 * background probe asks whether the database is back; when it is, the tier is used again and fills as misses
 * are fetched. Dropped writes are not replayed: what is cached under a block hash never changes, and the next
 * miss fetches it again and writes it then. Counted in {@code evmsim.statecache.postgres.skipped}, visible in
 * {@code evmsim.statecache.postgres.unavailable} and in health (status {@link #DEGRADED}).
 */
public class PostgresAvailability {
    /** The health status of a state cache serving without its PostgreSQL tier. */
    public static final String DEGRADED = "DEGRADED";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresAvailability.class);

    /** What an operation does to the tier. */
    public enum Operation {
        READ, WRITE, MAINTENANCE;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final JdbcTemplate jdbc;
    private final Duration probeInterval;
    private final Clock clock;
    private final Map<Operation, Counter> skipped = new LinkedHashMap<>();
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile Instant unavailableSince;
    private volatile Instant nextProbe = Instant.MIN;
    private volatile String lastFailure;

    public PostgresAvailability(JdbcTemplate jdbc, Duration probeInterval, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.probeInterval = probeInterval;
        this.clock = clock;
        for (Operation operation : Operation.values()) {
            skipped.put(operation, Counter.builder("evmsim.statecache.postgres.skipped").tag("operation", operation.tag())
                    .description("PostgreSQL tier operations skipped or failed while the database was unavailable")
                    .register(meters));
        }
        Gauge.builder("evmsim.statecache.postgres.unavailable", this, availability -> availability.available() ? 0 : 1)
                .description("1 while the state cache serves without its PostgreSQL tier").register(meters);
    }

    public boolean available() {
        return unavailableSince == null;
    }

    /**
     * {@code action}'s answer; {@code fallback} (a miss, nothing written) when the database is unavailable or
     * becomes so during the action. Other failures (a wrong statement) are the caller's.
     */
    public <T> T attempt(Operation operation, T fallback, Supplier<T> action) {
        if (!available()) {
            skipped.get(operation).increment();
            probeInBackground();
            return fallback;
        }
        try {
            return action.get();
        } catch (DataAccessResourceFailureException | TransientDataAccessException | RecoverableDataAccessException
                 | CannotCreateTransactionException | TransactionSystemException e) {
            skipped.get(operation).increment();
            markUnavailable(e);
            return fallback;
        }
    }

    public void attempt(Operation operation, Runnable action) {
        attempt(operation, null, () -> {
            action.run();
            return null;
        });
    }

    /**
     * For health: asks the database (one cheap query) unless it is known to be unavailable, so that an outage
     * shows without traffic; never waits on a database already known to be down.
     */
    public boolean check() {
        return attempt(Operation.MAINTENANCE, false, () -> jdbc.queryForObject("SELECT 1", Integer.class) == 1);
    }

    /** For the health output. */
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        Instant since = unavailableSince;
        if (since == null) {
            status.put("postgres", "in use");
        } else {
            status.put("postgres", "unavailable since " + since + ": serving from the memory tier and the state "
                    + "source, writes to PostgreSQL dropped; probed every " + probeInterval);
            status.put("lastFailure", lastFailure);
        }
        skipped.forEach((operation, counter) -> status.put("skipped." + operation.tag(), (long) counter.count()));
        return status;
    }

    private void markUnavailable(RuntimeException e) {
        lastFailure = e.getClass().getSimpleName() + ": " + rootMessage(e);
        synchronized (this) {
            if (unavailableSince == null) {
                unavailableSince = clock.instant();
                nextProbe = unavailableSince.plus(probeInterval);
                LOG.warn("PostgreSQL is unavailable ({}): serving from the memory tier and the state source until it "
                        + "returns", lastFailure);
            }
        }
    }

    private void probeInBackground() {
        if (clock.instant().isBefore(nextProbe) || !probing.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("postgres-probe").start(() -> {
            try {
                jdbc.queryForObject("SELECT 1", Integer.class);
                synchronized (this) {
                    LOG.info("PostgreSQL is back after {}: the tier is in use again",
                            Duration.between(unavailableSince, clock.instant()));
                    unavailableSince = null;
                }
            } catch (RuntimeException e) {
                lastFailure = e.getClass().getSimpleName() + ": " + rootMessage(e);
            } finally {
                nextProbe = clock.instant().plus(probeInterval);
                probing.set(false);
            }
        });
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
