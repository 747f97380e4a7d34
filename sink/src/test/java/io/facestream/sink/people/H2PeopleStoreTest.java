package io.facestream.sink.people;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The gallery in the local run's embedded H2 database. */
class H2PeopleStoreTest extends PeopleStoreContract {
    @TempDir
    Path dataDir;

    @Override
    protected String[] emptyDatabase() {
        return new String[] {"jdbc:h2:file:" + dataDir.resolve("events").toAbsolutePath() + ";DB_CLOSE_DELAY=-1", "",
                ""};
    }
}
