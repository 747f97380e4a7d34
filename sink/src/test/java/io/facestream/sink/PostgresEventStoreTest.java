package io.facestream.sink;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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
        schema = TestPostgres.createSchema("event store");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (schema != null) {
            TestPostgres.drop(schema);
        }
    }

    @Override
    protected EventStore openStore() {
        // Every test starts with empty tables: clear what the previous one stored.
        try {
            TestPostgres.empty(schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        TestPostgres.Server server = TestPostgres.server().orElseThrow();
        return JdbcEventStore.open(server.urlOf(schema), server.user(), server.password());
    }

    @Override
    protected Connection connect() throws SQLException {
        TestPostgres.Server server = TestPostgres.server().orElseThrow();
        return DriverManager.getConnection(server.urlOf(schema), server.user(), server.password());
    }
}
