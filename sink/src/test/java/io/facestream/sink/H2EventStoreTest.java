package io.facestream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database of the local run: an H2 file in the data directory. */
class H2EventStoreTest extends EventStoreContract {
    @TempDir
    Path dataDir;

    @Override
    protected EventStore openStore() {
        return JdbcEventStore.open(JdbcEventStore.embeddedUrl(dataDir), "", "");
    }

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection(JdbcEventStore.embeddedUrl(dataDir));
    }

    @Test
    void eventsSurviveClosingAndReopeningTheDatabase() {
        store.store(List.of(TestEvents.withFaces("door", 1, 1)));
        store.close();

        store = openStore();
        assertThat(store.find(EventQuery.ofCamera("door", 10))).singleElement()
                .satisfies(event -> assertThat(event.faces()).hasSize(1));
    }

    @Test
    void anUnreachableDatabaseIsReportedAsUnavailableWithoutItsParameters() {
        assertThatThrownBy(() -> JdbcEventStore.open("jdbc:postgresql://127.0.0.1:1/test?password=hunter2", "u", "p"))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/test")
                .hasMessageNotContaining("hunter2");
    }
}
