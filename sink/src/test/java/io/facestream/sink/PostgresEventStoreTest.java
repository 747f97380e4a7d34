package io.facestream.sink;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The production database: a real PostgreSQL server, {@code 127.0.0.1:5432}, database {@code test}, user postgres
 * (trust auth), or {@code SINK_TEST_POSTGRES_URL}. Each run works in a schema of its own and drops it afterwards.
 */
class PostgresEventStoreTest extends EventStoreContract {
    private static final String SERVER = System.getenv().getOrDefault("SINK_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = "postgres";
    private static String schema;

    @BeforeAll
    static void createSchema() {
        String reason = null;
        try (Connection connection = DriverManager.getConnection(SERVER + "?connectTimeout=3", USER, "");
             Statement statement = connection.createStatement()) {
            schema = "sink_test_" + UUID.randomUUID().toString().replace("-", "");
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            reason = e.getMessage();
        }
        if (reason != null) {
            System.out.println("PostgreSQL tests DID NOT RUN: no PostgreSQL server at " + SERVER + " (" + reason + ")");
        }
        assumeTrue(reason == null, "PostgreSQL tests did not run: no PostgreSQL server at " + SERVER + " (" + reason + ")");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (schema == null) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(SERVER, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Override
    protected EventStore openStore() {
        // Every test starts with empty tables: clear what the previous one stored.
        try (Connection connection = DriverManager.getConnection(SERVER, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return JdbcEventStore.open(SERVER + "?currentSchema=" + schema, USER, "");
    }

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection(SERVER + "?currentSchema=" + schema, USER, "");
    }
}
