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
 * The production database: a real PostgreSQL server ({@link TestPostgres}). Each run works in a schema of its own and
 * drops it afterwards.
 */
class PostgresEventStoreTest extends EventStoreContract {
    private static String schema;

    @BeforeAll
    static void createSchema() throws SQLException {
        if (TestPostgres.server().isEmpty()) {
            System.out.println("PostgreSQL event store tests DID NOT RUN: " + TestPostgres.whyNot());
        }
        assumeTrue(TestPostgres.server().isPresent(), "PostgreSQL event store tests did not run: " + TestPostgres.whyNot());
        schema = "sink_test_" + UUID.randomUUID().toString().replace("-", "");
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
    protected EventStore openStore() {
        // Every test starts with empty tables: clear what the previous one stored.
        try {
            execute("DROP SCHEMA " + schema + " CASCADE");
            execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return JdbcEventStore.open(server().urlOf(schema), server().user(), server().password());
    }

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection(server().urlOf(schema), server().user(), server().password());
    }
}
