package io.evmsim.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One embedded PostgreSQL server (zonky: the server binaries ship in a jar, no installation) holding
 * the gateway's {@code simulations} and the state cache's {@code statecache} databases. Its data
 * directory is temporary: a standalone run starts empty.
 */
final class EmbeddedDatabases implements AutoCloseable {
    static final String SIMULATIONS = "simulations";
    static final String STATE_CACHE = "statecache";
    static final String USER = "postgres";

    private final EmbeddedPostgres server;

    private EmbeddedDatabases(EmbeddedPostgres server) {
        this.server = server;
    }

    static EmbeddedDatabases start() {
        EmbeddedPostgres server;
        try {
            server = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        EmbeddedDatabases databases = new EmbeddedDatabases(server);
        try (Connection admin = server.getPostgresDatabase().getConnection();
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + SIMULATIONS);
            statement.execute("CREATE DATABASE " + STATE_CACHE);
        } catch (SQLException e) {
            databases.close();
            throw new IllegalStateException("cannot create the databases on embedded PostgreSQL", e);
        }
        return databases;
    }

    String jdbcUrl(String database) {
        return server.getJdbcUrl(USER, database);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
