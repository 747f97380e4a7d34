package io.facestream.sink;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/**
 * The sink's database, embedded H2 or PostgreSQL: its schema brought up to date by Flyway from {@code db/migration},
 * connections, and errors that say where it is but never its URL parameters (which may hold a password).
 */
public final class SinkDatabase {
    private final String url;
    private final Properties credentials = new Properties();
    private final boolean postgres;

    private SinkDatabase(String url, String user, String password) {
        this.url = url;
        this.postgres = url.startsWith("jdbc:postgresql:");
        if (!user.isEmpty()) {
            credentials.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            credentials.setProperty("password", password);
        }
    }

    /** Opens the database and migrates its schema. */
    public static SinkDatabase open(String url, String user, String password) {
        SinkDatabase database = new SinkDatabase(url, user, password);
        try {
            Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            throw new StorageUnavailableException("cannot migrate the database schema at " + database.where() + ": "
                    + e.getMessage(), e);
        }
        return database;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, credentials);
    }

    /** PostgreSQL, whose SQL differs from H2's in places (such as ON CONFLICT). */
    public boolean postgres() {
        return postgres;
    }

    public StorageUnavailableException unavailable(String what, SQLException e) {
        return new StorageUnavailableException(what + " at " + where() + ": " + e.getMessage(), e);
    }

    /**
     * Writes an embedded H2 database out and releases its file lock (it is kept open between connections,
     * DB_CLOSE_DELAY=-1); a database server is left alone.
     */
    public void shutdown() {
        if (url.startsWith("jdbc:h2:") && url.contains("DB_CLOSE_DELAY=-1")) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (SQLException e) {
                // Already shut down by another store on the same database.
            }
        }
    }

    private String where() {
        int parameters = url.indexOf(postgres ? '?' : ';');
        return parameters < 0 ? url : url.substring(0, parameters);
    }
}
