package io.evmsim.standalone;

import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.testsupport.TestDatabases;
import java.util.function.Supplier;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The gateway and the worker of one test class, on a Kafka broker (embedded KRaft) and a new
 * {@code simulations} database of their own.
 */
public final class TestPlatform implements AutoCloseable {
    private final EmbeddedKafkaKraftBroker kafka;
    private final Services services;

    private TestPlatform(EmbeddedKafkaKraftBroker kafka, Services services) {
        this.kafka = kafka;
        this.services = services;
    }

    /**
     * @param stateCache the worker's state source, or null for HTTP clients to {@code stateCacheUrl}
     * @param gatewayArgs further {@code --name=value} arguments of the gateway
     */
    public static TestPlatform start(StateCacheClient stateCache, String stateCacheUrl, String... gatewayArgs) {
        return start(() -> TestDatabases.create("simulations"), stateCache, stateCacheUrl, gatewayArgs);
    }

    /**
     * As above, with the gateway's {@code simulations} database given (a test that stops and starts its
     * server brings its own).
     */
    public static TestPlatform start(Supplier<TestDatabases.TestDatabase> database, StateCacheClient stateCache,
            String stateCacheUrl, String... gatewayArgs) {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 2);
        kafka.afterPropertiesSet();
        try {
            TestDatabases.TestDatabase db = database.get();
            return new TestPlatform(kafka, Services.start(kafka.getBrokersAsString(), db.jdbcUrl(), db.username(),
                    db.password(), stateCache, stateCacheUrl, 0, 0, gatewayArgs));
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

    @Override
    public void close() {
        services.close();
        kafka.destroy();
    }
}
