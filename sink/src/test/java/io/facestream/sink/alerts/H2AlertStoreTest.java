package io.facestream.sink.alerts;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Alerts in the embedded database of the local run. */
class H2AlertStoreTest extends AlertStoreContract {
    @TempDir
    Path dataDir;

    @Override
    protected JdbcAlertStore openStore() {
        return JdbcAlertStore.open("jdbc:h2:file:" + dataDir.resolve("events") + ";DB_CLOSE_DELAY=-1", "", "");
    }
}
