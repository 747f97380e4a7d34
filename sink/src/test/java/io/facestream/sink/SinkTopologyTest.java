package io.facestream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.FaceDetections;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology on Kafka Streams' test driver, writing to a real (embedded H2) database. */
class SinkTopologyTest {
    @TempDir
    Path dataDir;

    private JdbcEventStore database;
    private final DatabaseStatus status = new DatabaseStatus();

    @BeforeEach
    void openDatabase() {
        database = JdbcEventStore.open(JdbcEventStore.embeddedUrl(dataDir.resolve("db")), "", "");
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void everyEventIsStoredBeforeItsProcessingReturns() {
        try (TopologyTestDriver driver = driver(SinkTopology.buildTopology(database, status, Duration.ofSeconds(5)))) {
            TestInputTopic<String, FaceDetections> faces = faces(driver);
            faces.pipeInput("door", TestEvents.withFaces("door", 1, 2));
            faces.pipeInput("door", TestEvents.empty("door", 2));
            faces.pipeInput("hall", TestEvents.withFaces("hall", 1, 1));

            assertThat(database.find(EventQuery.latest(100))).extracting(StoredEvent::cameraId, StoredEvent::sequence)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("door", 1L),
                            org.assertj.core.groups.Tuple.tuple("door", 2L), org.assertj.core.groups.Tuple.tuple("hall", 1L));
            assertThat(database.stats("door").eventsWithFaces()).isEqualTo(1);
        }
    }

    @Test
    void aRedeliveredEventIsStoredOnce() {
        try (TopologyTestDriver driver = driver(SinkTopology.buildTopology(database, status, Duration.ofSeconds(5)))) {
            TestInputTopic<String, FaceDetections> faces = faces(driver);
            faces.pipeInput("door", TestEvents.withFaces("door", 1, 2));
            faces.pipeInput("door", TestEvents.withFaces("door", 1, 2));

            assertThat(database.find(EventQuery.latest(100))).singleElement()
                    .satisfies(event -> assertThat(event.faces()).hasSize(2));
        }
    }

    @Test
    void whileTheDatabaseIsDownTheEventWaitsAndIsStoredWhenItComesBack() {
        FlakyStore flaky = new FlakyStore(database, 3);
        try (TopologyTestDriver driver = driver(SinkTopology.buildTopology(flaky, status, Duration.ofSeconds(10)))) {
            faces(driver).pipeInput("door", TestEvents.withFaces("door", 1, 1));

            assertThat(flaky.failuresSeenByHealth).hasSize(3)
                    .allSatisfy(reason -> assertThat(reason).contains("database down for the test"));
            assertThat(database.find(EventQuery.latest(100))).hasSize(1);
            assertThat(status.failure()).isEmpty();
        }
    }

    @Test
    void aDatabaseDownPastTheRetryTimeoutFailsTheTaskBeforeItCanCommit() {
        FlakyStore down = new FlakyStore(database, Integer.MAX_VALUE);
        try (TopologyTestDriver driver = driver(SinkTopology.buildTopology(down, status, Duration.ofMillis(300)))) {
            assertThatThrownBy(() -> faces(driver).pipeInput("door", TestEvents.empty("door", 1)))
                    .hasRootCauseInstanceOf(IllegalStateException.class)
                    .rootCause().hasMessageContaining("database down for the test");
            assertThat(status.failure()).hasValueSatisfying(reason -> assertThat(reason).contains("database down"));
            assertThat(database.find(EventQuery.latest(100))).isEmpty();
        }
    }

    private TopologyTestDriver driver(Topology topology) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "sink-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("streams").toString());
        return new TopologyTestDriver(topology, properties);
    }

    private static TestInputTopic<String, FaceDetections> faces(TopologyTestDriver driver) {
        return driver.createInputTopic(Topics.FACES, new StringSerializer(),
                new AvroSerde<>(FaceDetections.class).serializer());
    }

    /** The real store, failing its first {@code failures} writes as a database that is down would. */
    private final class FlakyStore implements EventStore {
        private final EventStore delegate;
        private final AtomicInteger failuresLeft;
        final List<String> failuresSeenByHealth = new ArrayList<>();

        FlakyStore(EventStore delegate, int failures) {
            this.delegate = delegate;
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public void store(List<FaceDetections> events) {
            status.failure().ifPresent(failuresSeenByHealth::add);
            if (failuresLeft.getAndDecrement() > 0) {
                throw new StorageUnavailableException("database down for the test",
                        new IllegalStateException("database down for the test"));
            }
            delegate.store(events);
        }

        @Override
        public List<StoredEvent> find(EventQuery query) {
            return delegate.find(query);
        }

        @Override
        public CameraStats stats(String cameraId) {
            return delegate.stats(cameraId);
        }

        @Override
        public void check() {
            delegate.check();
        }

        @Override
        public void close() {
        }
    }
}
