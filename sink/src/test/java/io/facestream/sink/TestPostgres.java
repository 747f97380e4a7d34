package io.facestream.sink;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server of the tests: {@code SINK_TEST_POSTGRES_URL} or 127.0.0.1:5432, database {@code test}, user
 * postgres (trust auth); where none answers and Docker is available, a PostgreSQL container (Testcontainers) for the
 * whole test run. {@link #server()} is empty, with {@link #whyNot()} saying why, when neither is there.
 */
public final class TestPostgres {
    private static final String LOCAL = System.getenv().getOrDefault("SINK_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static String whyNot;
    private static Server server;

    /** Where to connect: a JDBC URL without parameters, a user and a password. */
    public record Server(String url, String user, String password) {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        /** The URL of {@code schema} in this server's database. */
        public String urlOf(String schema) {
            return url + "?currentSchema=" + schema;
        }
    }

    private TestPostgres() {
    }

    public static synchronized Optional<Server> server() {
        if (server == null && whyNot == null) {
            find();
        }
        return Optional.ofNullable(server);
    }

    public static synchronized String whyNot() {
        return whyNot;
    }

    /**
     * A new, empty schema for the tests of {@code what}; they are skipped, saying so in the output, where there is no
     * server.
     */
    public static String createSchema(String what) throws SQLException {
        if (server().isEmpty()) {
            System.out.println("PostgreSQL " + what + " tests DID NOT RUN: " + whyNot());
        }
        assumeTrue(server().isPresent(), "PostgreSQL " + what + " tests did not run: " + whyNot());
        String schema = "sink_test_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE SCHEMA " + schema);
        return schema;
    }

    /** Drops {@code schema} and creates it again, empty. */
    public static void empty(String schema) throws SQLException {
        drop(schema);
        execute("CREATE SCHEMA " + schema);
    }

    public static void drop(String schema) throws SQLException {
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = server().orElseThrow().connect();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void find() {
        Server local = new Server(LOCAL, "postgres", "");
        try (Connection connection = DriverManager.getConnection(LOCAL + "?connectTimeout=3", "postgres", "")) {
            server = local;
            return;
        } catch (SQLException e) {
            whyNot = "no PostgreSQL server at " + LOCAL + " (" + e.getMessage() + ")";
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17");
            container.start();
            server = new Server(container.getJdbcUrl().replaceAll("\\?.*", ""), container.getUsername(),
                    container.getPassword());
            whyNot = null;
        } else {
            whyNot += " and no Docker for a PostgreSQL container";
        }
    }
}
