package io.evmsim.standalone;

import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.testsupport.TestDatabases;
import java.util.function.Supplier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kafka.server.BrokerServer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The gateway and the worker of one test class, on a Kafka broker (embedded KRaft) and a new
 * {@code simulations} database of their own.
 */
public final class TestPlatform implements AutoCloseable {
    private final EmbeddedKafkaKraftBroker kafka;
    private final Services services;
    private final String stateCacheUrl;
    private final TestDatabases.TestDatabase database;
    private final List<ConfigurableApplicationContext> extraWorkers = new ArrayList<>();
    private final List<Services> extraGateways = new ArrayList<>();

    private TestPlatform(EmbeddedKafkaKraftBroker kafka, Services services, String stateCacheUrl,
            TestDatabases.TestDatabase database) {
        this.kafka = kafka;
        this.services = services;
        this.stateCacheUrl = stateCacheUrl;
        this.database = database;
    }

    /**
     * @param stateCache the worker's state source, or null for HTTP clients to {@code stateCacheUrl}
     * @param gatewayArgs further {@code --name=value} arguments of the gateway
     */
    public static TestPlatform start(StateCacheClient stateCache, String stateCacheUrl, String... gatewayArgs) {
        return start(0, () -> TestDatabases.create("simulations"), stateCache, stateCacheUrl, gatewayArgs);
    }

    /**
     * As above, with the gateway's {@code simulations} database given (a test that stops and starts its
     * server brings its own).
     */
    public static TestPlatform start(Supplier<TestDatabases.TestDatabase> database, StateCacheClient stateCache,
            String stateCacheUrl, String... gatewayArgs) {
        return start(0, database, stateCache, stateCacheUrl, gatewayArgs);
    }

    /**
     * With the broker on a fixed port, so that it can be {@linkplain #restartBroker restarted} where
     * its clients expect it.
     */
    public static TestPlatform startRestartable(StateCacheClient stateCache, String stateCacheUrl,
            String... gatewayArgs) {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(port, () -> TestDatabases.create("simulations"), stateCache, stateCacheUrl, gatewayArgs);
    }

    private static TestPlatform start(int kafkaPort, Supplier<TestDatabases.TestDatabase> database,
            StateCacheClient stateCache, String stateCacheUrl, String... gatewayArgs) {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 2);
        if (kafkaPort != 0) {
            kafka.kafkaPorts(kafkaPort);
        }
        kafka.afterPropertiesSet();
        try {
            TestDatabases.TestDatabase db = database.get();
            return new TestPlatform(kafka, Services.start(kafka.getBrokersAsString(), db.jdbcUrl(), db.username(),
                    db.password(), stateCache, stateCacheUrl, 0, 0, gatewayArgs), stateCacheUrl, db);
        } catch (RuntimeException e) {
            kafka.destroy();
            throw e;
        }
    }

    public String brokers() {
        return kafka.getBrokersAsString();
    }

    public int gatewayPort() {
        return services.gatewayPort();
    }

    /** The gateway's actuator (its API port serves none). */
    public int gatewayManagementPort() {
        return services.gatewayManagementPort();
    }

    public int workerPort() {
        return services.workerPort();
    }

    /** Starts one more worker in the consumer group, reading {@code state}; it is stopped with the platform. */
    public void startWorker(StateCacheClient state) {
        extraWorkers.add(Services.startWorker(brokers(), state, stateCacheUrl, 0));
    }

    /**
     * Starts one more gateway replica on the same broker and database (ports of its own); it is stopped with the
     * platform.
     */
    public Services startGateway(StateCacheClient state, String... gatewayArgs) {
        Services gateway = Services.startGateway(brokers(), database.jdbcUrl(), database.username(),
                database.password(), state, stateCacheUrl, gatewayArgs);
        extraGateways.add(gateway);
        return gateway;
    }

    /**
     * Closes the first worker's context: its consumer leaves the group with nothing committed past
     * the requests it had finished. (Its simulations still under way are the caller's to stop.)
     */
    public void stopFirstWorker() {
        services.worker().close();
    }

    /** Stops the broker, keeps it down for {@code down}, and starts it again on the same port with its data. */
    public void restartBroker(Duration down) throws InterruptedException {
        BrokerServer broker = kafka.getCluster().brokers().values().iterator().next();
        broker.shutdown();
        Thread.sleep(down);
        broker.startup();
    }

    @Override
    public void close() {
        extraGateways.forEach(Services::close);
        services.close();
        extraWorkers.forEach(ConfigurableApplicationContext::close);
        kafka.destroy();
    }
}
