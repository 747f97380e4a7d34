package io.facestream.sink.alerts;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.facestream.sink.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Alerts in a real PostgreSQL server ({@link TestPostgres}), in a schema of its own, dropped afterwards.
 */
class PostgresAlertStoreTest extends AlertStoreContract {
    private static String schema;

    @BeforeAll
    static void createSchema() throws SQLException {
        if (TestPostgres.server().isEmpty()) {
            System.out.println("PostgreSQL alert store tests DID NOT RUN: " + TestPostgres.whyNot());
        }
        assumeTrue(TestPostgres.server().isPresent(), "PostgreSQL alert store tests did not run: " + TestPostgres.whyNot());
        schema = "sink_alert_test_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE SCHEMA " + schema);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = server().connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static TestPostgres.Server server() {
        return TestPostgres.server().orElseThrow();
    }

    @Override
    protected JdbcAlertStore openStore() {
        try {
            execute("DROP SCHEMA " + schema + " CASCADE");
            execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return JdbcAlertStore.open(server().urlOf(schema), server().user(), server().password());
    }
}
