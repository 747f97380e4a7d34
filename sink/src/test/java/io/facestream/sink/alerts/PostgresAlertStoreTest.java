package io.facestream.sink.alerts;

import io.facestream.sink.TestPostgres;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Alerts in a real PostgreSQL server ({@link TestPostgres}), in a schema of its own, dropped afterwards.
 */
class PostgresAlertStoreTest extends AlertStoreContract {
    private static String schema;

    @BeforeAll
    static void createSchema() throws SQLException {
        schema = TestPostgres.createSchema("alert store");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (schema != null) {
            TestPostgres.drop(schema);
        }
    }

    @Override
    protected JdbcAlertStore openStore() {
        try {
            TestPostgres.empty(schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        TestPostgres.Server server = TestPostgres.server().orElseThrow();
        return JdbcAlertStore.open(server.urlOf(schema), server.user(), server.password());
    }
}
