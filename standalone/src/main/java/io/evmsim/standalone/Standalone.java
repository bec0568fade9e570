package io.evmsim.standalone;

import ch.qos.logback.classic.Level;
import io.evmsim.statecache.StateCacheApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * {@code bin/standalone}: the whole platform in one JVM, no Docker. An embedded KRaft Kafka broker
 * and an embedded PostgreSQL start side by side; then the state cache (port 8082, management 8182; the
 * devnet unless {@code ETH_RPC_URL} names a node), the worker (management 8181, its only port) and the
 * gateway (8080, or {@code SERVER_PORT}; management 8180). Only the gateway's API port follows
 * {@code SERVER_ADDRESS} (all interfaces by default); every other port, Kafka's and PostgreSQL's included,
 * listens on loopback. Ctrl-C stops them in the reverse order, so no consumer outlives its broker.
 */
public final class Standalone implements AutoCloseable {
    /**
     * {@code EVMSIM_INTERNAL_PORT_BASE} moves the loopback ports (state cache, its management, worker, gateway
     * management) to that port and the three after it, so that a second standalone can run beside the first.
     */
    private static final int INTERNAL_PORT_BASE = internalPortBase();
    static final int STATE_CACHE_PORT = INTERNAL_PORT_BASE < 0 ? 8082 : INTERNAL_PORT_BASE;
    static final int STATE_CACHE_MANAGEMENT_PORT = INTERNAL_PORT_BASE < 0 ? 8182 : INTERNAL_PORT_BASE + 1;
    static final int WORKER_PORT = INTERNAL_PORT_BASE < 0 ? 8181 : INTERNAL_PORT_BASE + 2;
    static final int DEFAULT_GATEWAY_PORT = 8080;
    static final int GATEWAY_MANAGEMENT_PORT = INTERNAL_PORT_BASE < 0 ? 8180 : INTERNAL_PORT_BASE + 3;
    /** Partitions per topic: several, so the pipeline runs as it does in a cluster. */
    private static final int PARTITIONS = 4;
    /**
     * The broker shares the machine with everything else here: fewer request threads than its
     * defaults (3 network, 8 I/O) mean fewer thread hand-offs per request and larger batches per wake.
     */
    private static final java.util.Map<String, String> BROKER_THREADS = java.util.Map.of(
            "num.network.threads", "1", "num.io.threads", "2");

    private EmbeddedKafkaKraftBroker kafka;
    private EmbeddedDatabases databases;
    private ConfigurableApplicationContext stateCache;
    private Services services;

    public static void main(String[] args) {
        long started = System.nanoTime();
        // logback.xml configures logging once; Boot's logging system would reset it per context, racing
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        SLF4JBridgeHandler.removeHandlersForRootLogger(); // Tomcat logs through java.util.logging
        SLF4JBridgeHandler.install();
        String port = System.getenv("SERVER_PORT");
        Standalone standalone = start(port == null || port.isBlank() ? DEFAULT_GATEWAY_PORT : Integer.parseInt(port));
        Runtime.getRuntime().addShutdownHook(new Thread(standalone::close, "standalone-shutdown"));
        System.out.printf("evmsim standalone: gateway on http://localhost:%d; management (actuator) on 127.0.0.1: "
                + "gateway %d, worker %d, state cache %d (its API %d); API keys: %s; ready in %.1f s; Ctrl-C stops it%n",
                standalone.gatewayPort(), GATEWAY_MANAGEMENT_PORT, WORKER_PORT, STATE_CACHE_MANAGEMENT_PORT,
                STATE_CACHE_PORT, authNotice(), (System.nanoTime() - started) / 1e9);
    }

    private static int internalPortBase() {
        String base = System.getenv("EVMSIM_INTERNAL_PORT_BASE");
        if (base == null || base.isBlank()) {
            return -1;
        }
        int port = Integer.parseInt(base.trim());
        if (port < 1 || port > 65_532) {
            throw new IllegalArgumentException("EVMSIM_INTERNAL_PORT_BASE must be a port from 1 to 65532, not " + base);
        }
        return port;
    }

    /** What the gateway asks of clients, said at start: without keys, the port is open to whoever reaches it. */
    private static String authNotice() {
        return "none".equalsIgnoreCase(Services.authMode())
                ? "none (EVMSIM_AUTH=none: anyone who reaches the port may simulate; EVMSIM_AUTH=keys asks for them)"
                : "required (EVMSIM_AUTH=keys: create one with POST http://127.0.0.1:" + GATEWAY_MANAGEMENT_PORT
                        + "/admin/v1/keys)";
    }

    /** Starts everything; on any failure, stops what had started and rethrows. */
    public static Standalone start(int gatewayPort) {
        Standalone standalone = new Standalone();
        try {
            CompletableFuture<EmbeddedDatabases> databases = CompletableFuture.supplyAsync(EmbeddedDatabases::start);
            CompletableFuture<EmbeddedKafkaKraftBroker> kafka = CompletableFuture.supplyAsync(Standalone::startKafka);
            standalone.databases = databases.join();
            standalone.kafka = kafka.join();
            String brokers = standalone.kafka.getBrokersAsString();
            CompletableFuture<ConfigurableApplicationContext> stateCache =
                    CompletableFuture.supplyAsync(() -> startStateCache(
                            standalone.databases.jdbcUrl(EmbeddedDatabases.STATE_CACHE), EmbeddedDatabases.USER, "",
                            STATE_CACHE_PORT, STATE_CACHE_MANAGEMENT_PORT));
            try {
                standalone.services = Services.start(brokers, standalone.databases.jdbcUrl(EmbeddedDatabases.SIMULATIONS),
                        EmbeddedDatabases.USER, "", null, "http://127.0.0.1:" + STATE_CACHE_PORT, gatewayPort,
                        GATEWAY_MANAGEMENT_PORT, WORKER_PORT);
            } finally {
                standalone.stateCache = stateCache.exceptionally(e -> null).join();
            }
            if (standalone.stateCache == null) {
                stateCache.join(); // rethrows the state cache's failure
            }
            return standalone;
        } catch (RuntimeException e) {
            standalone.close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    static EmbeddedKafkaKraftBroker startKafka() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.brokerProperties(BROKER_THREADS);
        broker.afterPropertiesSet();
        return broker;
    }

    /** The state cache on {@code port} with a random management port. */
    static ConfigurableApplicationContext startStateCache(String jdbcUrl, String user, String password, int port,
            String... extraArgs) {
        return startStateCache(jdbcUrl, user, password, port, 0, extraArgs);
    }

    /**
     * The state cache with its own {@code application.yml}; its ports (on loopback) and database are set
     * here, not by the environment (whose {@code SERVER_PORT} and {@code SERVER_ADDRESS} are the gateway's).
     *
     * @param extraArgs further {@code --name=value} arguments (tests name the upstream node)
     */
    static ConfigurableApplicationContext startStateCache(String jdbcUrl, String user, String password, int port,
            int managementPort, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--server.address=" + Services.LOOPBACK,
                "--management.server.port=" + managementPort, "--management.server.address=" + Services.LOOPBACK,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + user, "--spring.datasource.password=" + password));
        args.addAll(List.of(extraArgs));
        return new SpringApplicationBuilder(StateCacheApplication.class).registerShutdownHook(false)
                .run(args.toArray(String[]::new));
    }

    public int gatewayPort() {
        return services.gatewayPort();
    }

    @Override
    public synchronized void close() {
        if (services != null) {
            services.close();
            services = null;
        }
        if (stateCache != null) {
            stateCache.close();
            stateCache = null;
        }
        if (kafka != null) {
            // the broker's test kit deletes its temporary log directory from a shutdown hook of its own,
            // concurrently with this one: what the broker says about the vanished files is not news
            for (String broker : new String[] {"kafka", "org.apache.kafka"}) {
                ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(broker)).setLevel(Level.OFF);
            }
            kafka.destroy();
            kafka = null;
        }
        if (databases != null) {
            databases.close();
            databases = null;
        }
    }
}
