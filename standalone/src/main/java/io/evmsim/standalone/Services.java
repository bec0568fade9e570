package io.evmsim.standalone;

import io.evmsim.api.SimulateApiApplication;
import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.worker.WorkerApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Starts the worker and the gateway as two Spring applications in this JVM, each with its own
 * configuration file and context, wired to one Kafka and one PostgreSQL.
 */
public final class Services implements AutoCloseable {
    /** The worker has no database: the gateway's JDBC and Flyway on the shared classpath are not for it. */
    private static final String WORKER_EXCLUDES = "spring.autoconfigure.exclude="
            + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
            + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";

    private static final Duration ASSIGNMENT_WAIT = Duration.ofSeconds(60);
    /** Where the internal ports listen: nothing but the gateway's API port is for other machines. */
    static final String LOOPBACK = "127.0.0.1";

    private static final String AUTH_ARG = "--evmsim.auth.mode=";

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    /** The gateway's API keys: {@code EVMSIM_AUTH}, else none, for a developer on the devnet. */
    static String authMode() {
        String configured = System.getenv("EVMSIM_AUTH");
        return configured == null || configured.isBlank() ? "none" : configured;
    }

    /**
     * @param stateCache the state source of the worker and of the gateway's JSON-RPC read methods; null for
     *     HTTP clients to {@code stateCacheUrl}
     * @param gatewayArgs further {@code --name=value} arguments of the gateway (tests set its limits)
     */
    public static Services start(String kafkaBootstrap, String jdbcUrl, String jdbcUser, String jdbcPassword,
            StateCacheClient stateCache, String stateCacheUrl, int gatewayPort, int workerPort, String... gatewayArgs) {
        return start(kafkaBootstrap, jdbcUrl, jdbcUser, jdbcPassword, stateCache, stateCacheUrl, gatewayPort, 0,
                workerPort, gatewayArgs);
    }

    /**
     * As above, with the gateway's management port (actuator), which listens on loopback only; the worker's one
     * port (its management port) too. The gateway's API port follows {@code server.address} (SERVER_ADDRESS).
     */
    public static Services start(String kafkaBootstrap, String jdbcUrl, String jdbcUser, String jdbcPassword,
            StateCacheClient stateCache, String stateCacheUrl, int gatewayPort, int gatewayManagementPort,
            int workerPort, String... gatewayArgs) {
        Services services = new Services();
        try {
            // arguments, not default properties: they must win over each application's own file
            // no shutdown hooks of their own: the owner closes them before the broker they read from
            services.contexts.add(startWorker(kafkaBootstrap, stateCache, stateCacheUrl, workerPort));
            services.contexts.add(startGatewayContext(kafkaBootstrap, jdbcUrl, jdbcUser, jdbcPassword, stateCache,
                    stateCacheUrl, gatewayPort, gatewayManagementPort, gatewayArgs));
            services.awaitPartitionAssignments(ASSIGNMENT_WAIT);
            return services;
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    /**
     * One more gateway replica on the same Kafka and database, with ports of its own (tests run two replicas
     * sharing their quotas and results), ready once its Kafka listeners have their partitions.
     */
    public static Services startGateway(String kafkaBootstrap, String jdbcUrl, String jdbcUser, String jdbcPassword,
            StateCacheClient stateCache, String stateCacheUrl, String... gatewayArgs) {
        Services services = new Services();
        try {
            services.contexts.add(startGatewayContext(kafkaBootstrap, jdbcUrl, jdbcUser, jdbcPassword, stateCache,
                    stateCacheUrl, 0, 0, gatewayArgs));
            services.awaitPartitionAssignments(ASSIGNMENT_WAIT);
            return services;
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    private static ConfigurableApplicationContext startGatewayContext(String kafkaBootstrap, String jdbcUrl,
            String jdbcUser, String jdbcPassword, StateCacheClient stateCache, String stateCacheUrl, int gatewayPort,
            int gatewayManagementPort, String... gatewayArgs) {
        SpringApplicationBuilder gateway = SimulateApiApplication.application().registerShutdownHook(false);
        if (stateCache != null) {
            gateway.initializers(context -> context.getBeanFactory().registerSingleton("stateCacheClient", stateCache));
        }
        List<String> args = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrap, "--server.port=" + gatewayPort,
                "--management.server.port=" + gatewayManagementPort, "--management.server.address=" + LOOPBACK,
                "--evmsim.rpc.state-cache-url=" + stateCacheUrl,
                "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + jdbcUser,
                "--spring.datasource.password=" + jdbcPassword));
        args.addAll(List.of(gatewayArgs));
        if (args.stream().noneMatch(arg -> arg.startsWith(AUTH_ARG))) {
            args.add(AUTH_ARG + authMode()); // one value only: a repeated argument would be read as a list
        }
        return gateway.run(args.toArray(String[]::new));
    }

    /** A worker (one more, or the first), its state as {@link #start} takes it. */
    public static ConfigurableApplicationContext startWorker(String kafkaBootstrap, StateCacheClient stateCache,
            String stateCacheUrl, int workerPort) {
        SpringApplicationBuilder worker = WorkerApplication.application().registerShutdownHook(false);
        if (stateCache != null) {
            worker.initializers(context -> context.getBeanFactory().registerSingleton("stateCacheClient", stateCache));
        }
        // the worker's server is its management server: one port (MANAGEMENT_SERVER_PORT in the
        // environment would set a second one, unless it is named here)
        List<String> workerArgs = new ArrayList<>(List.of("--" + WORKER_EXCLUDES,
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrap, "--server.port=" + workerPort,
                "--server.address=" + LOOPBACK, "--evmsim.worker.state-cache-url=" + stateCacheUrl));
        if (workerPort != 0) {
            workerArgs.add("--management.server.port=" + workerPort);
        }
        return worker.run(workerArgs.toArray(String[]::new));
    }

    /** The first worker's context (tests stop it). */
    public ConfigurableApplicationContext worker() {
        return contexts.getFirst();
    }

    /**
     * Waits until every Kafka listener has its partitions: before that, a result could be published
     * while the gateway's live consumer (which starts at the end of the topic) is not yet reading.
     */
    private void awaitPartitionAssignments(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ConfigurableApplicationContext context : contexts) {
            for (MessageListenerContainer container : context.getBean(KafkaListenerEndpointRegistry.class)
                    .getListenerContainers()) {
                while (container.getAssignedPartitions() == null || container.getAssignedPartitions().isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka listener " + container.getListenerId()
                                + " got no partitions within " + timeout);
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for Kafka", e);
                    }
                }
            }
        }
    }

    /** The gateway's HTTP port (useful with port 0). */
    public int gatewayPort() {
        return Integer.parseInt(contexts.getLast().getEnvironment().getProperty("local.server.port"));
    }

    /** The gateway's management port: actuator (useful with port 0). */
    public int gatewayManagementPort() {
        return Integer.parseInt(contexts.getLast().getEnvironment().getProperty("local.management.port"));
    }

    /** The worker's management port: actuator, its only port (useful with port 0). */
    public int workerPort() {
        var environment = contexts.getFirst().getEnvironment();
        return Integer.parseInt(environment.getProperty("local.management.port",
                environment.getProperty("local.server.port")));
    }

    @Override
    public void close() {
        for (ConfigurableApplicationContext context : contexts.reversed()) {
            context.close();
        }
        contexts.clear();
    }
}
