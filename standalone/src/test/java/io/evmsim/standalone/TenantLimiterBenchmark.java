package io.evmsim.standalone;

import com.zaxxer.hikari.HikariDataSource;
import io.evmsim.api.tenant.ApiKey;
import io.evmsim.api.tenant.ApiKeyStore;
import io.evmsim.api.tenant.ApiKeys;
import io.evmsim.api.tenant.Quotas;
import io.evmsim.testsupport.TestDatabases;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the API-key door costs a request (not a timed test: it prints, it does not judge; run with
 * {@code bin/bench-simulate}): the key looked up (cached), one token taken from its Bucket4j bucket in
 * PostgreSQL ({@code SELECT ... FOR UPDATE}, {@code UPDATE}, commit) and its gas for the day checked (cached),
 * as {@code TenantFilter} does, on the gateway's own schema. CPU per request of the requesting threads (the
 * request path: JDBC, Bucket4j), of this whole JVM (with its pool's, the collector's and the JIT's threads) and
 * of the PostgreSQL backends serving its pool (read from {@code /proc}: the server runs on this machine),
 * at concurrency 1 and 16, each thread a key of its own (a tenant per thread), then 16 threads on one key
 * (one tenant's burst: its bucket's row is locked by each request in turn); last, the floor of any shared
 * store, one {@code SELECT 1} per request.
 */
@Tag("benchmark")
class TenantLimiterBenchmark {
    private static final Duration WARM_UP = Duration.ofSeconds(30);
    private static final Duration MEASURED = Duration.ofSeconds(10);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void report() throws Exception {
        TestDatabases.TestDatabase database = TestDatabases.create("limiter");
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(database.jdbcUrl());
            pool.setUsername(database.username());
            pool.setPassword(database.password());
            pool.setMaximumPoolSize(16);
            pool.setMinimumIdle(16);
            Flyway.configure().dataSource(pool).locations("classpath:db/migration/simulations").load().migrate();
            ApiKeyStore store = new ApiKeyStore(new JdbcTemplate(pool));
            ApiKeys keys = new ApiKeys(store, Clock.systemUTC(), Duration.ofSeconds(5));
            Quotas quotas = new Quotas(Quotas.buckets(pool), store, Clock.systemUTC(), Duration.ofSeconds(1));
            List<String> secrets = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                secrets.add(keys.create("bench-" + i, 1_000_000, Long.MAX_VALUE).secret()); // never refused
            }
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            Runnable floor = () -> jdbc.queryForObject("SELECT 1", Integer.class);
            run("warm-up", take(keys, quotas, secrets), 16, WARM_UP, jdbc);
            run("1 key, concurrency 1", take(keys, quotas, secrets.subList(0, 1)), 1, MEASURED, jdbc);
            run("16 keys, concurrency 16", take(keys, quotas, secrets), 16, MEASURED, jdbc);
            run("1 key, concurrency 16", take(keys, quotas, secrets.subList(0, 1)), 16, MEASURED, jdbc);
            // the floor: one statement, one round trip, per request (what any shared store costs at least)
            run("floor, SELECT 1, concurrency 16", thread -> floor, 16, MEASURED, jdbc);
        }
    }

    /** What TenantFilter does for a request of a valid key: thread {@code t} presents key {@code t mod keys}. */
    private static IntFunction<Runnable> take(ApiKeys keys, Quotas quotas, List<String> secrets) {
        return thread -> {
            String secret = secrets.get(thread % secrets.size());
            return () -> {
                ApiKey key = keys.authenticate(secret).orElseThrow();
                if (!quotas.takeRequest(key).allowed() || !quotas.gasWait(key).isZero()) {
                    throw new IllegalStateException("a benchmark key was refused");
                }
            };
        };
    }

    private static void run(String name, IntFunction<Runnable> requests, int threads, Duration duration,
            JdbcTemplate jdbc) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong served = new AtomicLong();
        AtomicLong requestThreadsCpu = new AtomicLong();
        long[][] latencies = new long[threads][];
        List<Long> backends = jdbc.queryForList("SELECT pid FROM pg_stat_activity WHERE datname = current_database()",
                Long.class);
        long databaseTicks = ticks(backends);
        long cpu = processCpuNanos();
        long started = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Runnable request = requests.apply(t);
            int index = t;
            workers.add(Thread.ofPlatform().start(() -> {
                long threadCpu = THREADS.getCurrentThreadCpuTime();
                long[] own = new long[1 << 20];
                int n = 0;
                while (running.get()) {
                    long begin = System.nanoTime();
                    request.run();
                    if (n < own.length) {
                        own[n++] = System.nanoTime() - begin;
                    }
                    served.incrementAndGet();
                }
                latencies[index] = Arrays.copyOf(own, n);
                requestThreadsCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - threadCpu);
            }));
        }
        Thread.sleep(duration);
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long gatewayCpu = processCpuNanos() - cpu;
        long databaseCpu = (ticks(backends) - databaseTicks) * 1_000_000_000L / clockTicksPerSecond();
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        long n = served.get();
        System.out.printf("limiter %s: %.0f requests/s, p50 %.0f us, p99 %.0f us; CPU per request: request thread %.1f us"
                        + " (whole JVM %.1f us), PostgreSQL backends %.1f us%n", name, n / seconds,
                all[all.length / 2] / 1e3, all[(int) (all.length * 0.99)] / 1e3, requestThreadsCpu.get() / 1e3 / n,
                gatewayCpu / 1e3 / n, databaseCpu / 1e3 / n);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** utime + stime of the processes, in clock ticks ({@code /proc/<pid>/stat}, fields 14 and 15). */
    private static long ticks(List<Long> pids) throws IOException {
        long ticks = 0;
        for (long pid : pids) {
            Path stat = Path.of("/proc/" + pid + "/stat");
            if (Files.exists(stat)) {
                String text = Files.readString(stat);
                String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            }
        }
        return ticks;
    }

    private static long clockTicksPerSecond() throws IOException, InterruptedException {
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
        String answer = new String(getconf.getInputStream().readAllBytes()).strip();
        getconf.waitFor();
        return Long.parseLong(answer);
    }
}
