package io.evmsim.standalone;

import io.evmsim.testsupport.TestDatabases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An embedded PostgreSQL server (zonky) that a fault test can stop and start again: the same port and data
 * directory, so the services' JDBC URLs stay valid and what was stored is there after the restart. Stopping is
 * PostgreSQL's fast shutdown: open connections are cut.
 */
final class RestartablePostgres implements AutoCloseable {
    private static final String USER = "postgres";

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    private RestartablePostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** A new server with the given (empty) databases. */
    static RestartablePostgres start(String... databases) {
        RestartablePostgres postgres;
        try (ServerSocket probe = new ServerSocket(0)) {
            postgres = new RestartablePostgres(Files.createTempDirectory("restartable-postgres"), probe.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare embedded PostgreSQL", e);
        }
        postgres.resume();
        try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"), USER, "");
             Statement statement = admin.createStatement()) {
            for (String database : databases) {
                statement.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            postgres.close();
            throw new IllegalStateException("cannot create the databases", e);
        }
        return postgres;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    TestDatabases.TestDatabase database(String name) {
        return new TestDatabases.TestDatabase(jdbcUrl(name), USER, "");
    }

    /** Stops the server (fast shutdown: sessions are cut). */
    synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not stop", e);
            } finally {
                server = null;
            }
        }
    }

    /** Starts the server again on its port and data directory. */
    synchronized void resume() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                        .setPort(port).start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dataDirectory, e);
        }
    }
}
