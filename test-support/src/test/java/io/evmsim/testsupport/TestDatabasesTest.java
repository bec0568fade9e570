package io.evmsim.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class TestDatabasesTest {
    @Test
    void eachDatabaseIsNewAndUsable() throws Exception {
        TestDatabases.TestDatabase first = TestDatabases.create("probe");
        TestDatabases.TestDatabase second = TestDatabases.create("probe");
        assertNotEquals(first.jdbcUrl(), second.jdbcUrl());
        try (Connection connection = first.connect()) {
            connection.createStatement().execute("CREATE TABLE t (v int)");
            connection.createStatement().execute("INSERT INTO t VALUES (7)");
            ResultSet rows = connection.createStatement().executeQuery("SELECT v FROM t");
            rows.next();
            assertEquals(7, rows.getInt(1));
        }
        try (Connection connection = second.connect()) {
            ResultSet tables = connection.createStatement()
                    .executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 't'");
            tables.next();
            assertEquals(0, tables.getInt(1));
        }
    }

    @Test
    void rejectsUnsafeNames() {
        assertThrows(IllegalArgumentException.class, () -> TestDatabases.create("x; DROP"));
    }
}
