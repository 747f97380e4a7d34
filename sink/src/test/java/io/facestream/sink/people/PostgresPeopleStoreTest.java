package io.facestream.sink.people;

import io.facestream.sink.TestPostgres;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The gallery in PostgreSQL ({@link TestPostgres}), in a schema of its own, emptied before each test. */
class PostgresPeopleStoreTest extends PeopleStoreContract {
    private static String schema;

    @BeforeAll
    static void createSchema() throws SQLException {
        schema = TestPostgres.createSchema("people store");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (schema != null) {
            TestPostgres.drop(schema);
        }
    }

    @Override
    protected String[] emptyDatabase() {
        try {
            TestPostgres.empty(schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        TestPostgres.Server server = TestPostgres.server().orElseThrow();
        return new String[] {server.urlOf(schema), server.user(), server.password()};
    }
}
