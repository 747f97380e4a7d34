package io.facestream.sink.alerts;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Alerts in a real PostgreSQL server: {@code 127.0.0.1:5432}, database {@code test}, user postgres (trust auth), or
 * {@code SINK_TEST_POSTGRES_URL}; in a schema of its own, dropped afterwards.
 */
class PostgresAlertStoreTest extends AlertStoreContract {
    private static final String SERVER = System.getenv().getOrDefault("SINK_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = "postgres";
    private static String schema;

    @BeforeAll
    static void createSchema() {
        String reason = null;
        try (Connection connection = DriverManager.getConnection(SERVER + "?connectTimeout=3", USER, "");
             Statement statement = connection.createStatement()) {
            schema = "sink_alert_test_" + UUID.randomUUID().toString().replace("-", "");
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            reason = e.getMessage();
        }
        if (reason != null) {
            System.out.println("PostgreSQL alert tests DID NOT RUN: no PostgreSQL server at " + SERVER + " (" + reason + ")");
        }
        assumeTrue(reason == null, "no PostgreSQL server at " + SERVER + " (" + reason + ")");
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
    protected JdbcAlertStore openStore() {
        try (Connection connection = DriverManager.getConnection(SERVER, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return JdbcAlertStore.open(SERVER + "?currentSchema=" + schema, USER, "");
    }
}
