package io.facestream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facestream.broker.EmbeddedKafkaBroker;
import io.facestream.schemas.KafkaSettings;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.sink.people.FaceIdentities;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event storage on a real broker and a real (H2) database: batches, each event once, nothing lost while it is down. */
class EventStorageTest {
    @TempDir
    static Path dataDir;

    private static EmbeddedKafkaBroker broker;
    private SwitchableStore store;
    private final DatabaseStatus status = new DatabaseStatus();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final String group = "storage-test-" + UUID.randomUUID();
    private final String camera = "cam-" + UUID.randomUUID();

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), 0);
        broker.createTopics(Topics.specs());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void openDatabase() {
        store = new SwitchableStore(JdbcEventStore.open(JdbcEventStore.embeddedUrl(dataDir.resolve(group)), "", ""));
    }

    @AfterEach
    void closeDatabase() {
        store.close();
    }

    @Test
    void eventsAreStoredInBatchesAndARedeliveredEventOnce() {
        List<FaceDetections> events = events(1, 60);
        TestEvents.sendInOneTransaction(broker.bootstrapServers(), events);
        TestEvents.sendInOneTransaction(broker.bootstrapServers(), events.subList(50, 60));

        try (EventStorage storage = storage()) {
            storage.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> stored() == 60);
        }
        // 70 records in a handful of batches, not one write per event.
        assertThat(batchSizes().stream().mapToInt(Integer::intValue).sum()).isEqualTo(70);
        assertThat(batchSizes().size()).isLessThanOrEqualTo(12);
    }

    @Test
    void whileTheDatabaseIsDownNothingIsCommittedAndEverythingIsStoredWhenItIsBack() throws Exception {
        store.down.set(true);
        try (EventStorage storage = storage()) {
            storage.start();
            TestEvents.sendInOneTransaction(broker.bootstrapServers(), events(1, 5));
            await().atMost(Duration.ofSeconds(30)).until(() -> status.failure().isPresent());
            TestEvents.sendInOneTransaction(broker.bootstrapServers(), events(6, 10));
            Thread.sleep(1_000);
            assertThat(committedTotal()).isZero();
            assertThat(storage.failure()).isNull();

            store.down.set(false);
            await().atMost(Duration.ofSeconds(30)).until(() -> stored() == 10);
            assertThat(status.failure()).isEmpty();
        }
        try (EventStorage restarted = storage()) {
            restarted.start();
            TestEvents.sendInOneTransaction(broker.bootstrapServers(), events(11, 11));
            await().atMost(Duration.ofSeconds(30)).until(() -> stored() == 11);
        }
        // What was stored after the outage was committed: the restarted storage read only the new event.
        assertThat(batchSizes().stream().mapToInt(Integer::intValue).sum()).isEqualTo(11);
    }

    @Test
    void aRestartedStorageResumesWhereTheLastOneCommitted() {
        try (EventStorage first = storage()) {
            first.start();
            TestEvents.sendInOneTransaction(broker.bootstrapServers(), events(1, 10));
            await().atMost(Duration.ofSeconds(30)).until(() -> stored() == 10);
        }
        TestEvents.sendInOneTransaction(broker.bootstrapServers(), events(11, 20));
        try (EventStorage second = storage()) {
            second.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> stored() == 20);
        }
        assertThat(batchSizes().stream().mapToInt(Integer::intValue).sum()).isEqualTo(20);
    }

    @Test
    void aRecordThatIsNoEventIsSkipped() throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.FACES, camera, "not an event".getBytes())).get();
        }
        TestEvents.sendInOneTransaction(broker.bootstrapServers(), events(1, 3));
        try (EventStorage storage = storage()) {
            storage.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> stored() == 3);
            assertThat(meters.counter("facestream.sink.records.unreadable").count()).isEqualTo(1);
        }
    }

    private EventStorage storage() {
        return new EventStorage(KafkaSettings.of(broker.bootstrapServers()), group, store, events -> FaceIdentities.NONE, status,
                new SinkMeters(meters));
    }

    private List<FaceDetections> events(long first, long last) {
        List<FaceDetections> events = new ArrayList<>();
        for (long sequence = first; sequence <= last; sequence++) {
            events.add(TestEvents.withFaces(camera, sequence, (int) (sequence % 2)));
        }
        return events;
    }

    /** How many of this test's events each stored batch held (other tests' events share the topic). */
    private List<Integer> batchSizes() {
        return store.batches.stream().map(batch -> (int) batch.stream()
                .filter(event -> event.getCameraId().equals(camera)).count()).filter(size -> size > 0).toList();
    }

    private long stored() {
        return store.down.get() ? -1 : store.stats(camera).events();
    }

    private long committedTotal() throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values().stream()
                    .filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
        }
    }
}
