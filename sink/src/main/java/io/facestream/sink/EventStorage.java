package io.facestream.sink;

import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.KafkaSettings;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.sink.people.FaceIdentities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores every face event in batches: the events of one poll are written in one database transaction, and only then
 * are their offsets committed. (Kafka Streams cannot batch like this under exactly-once: it commits its offsets before
 * any hook of a store runs.) A crash between the write and the commit makes the events come again, and the idempotent
 * store keeps one copy. While the database is down the batch is retried with backoff, nothing is committed, and the
 * partitions stay paused but owned, because the consumer keeps polling.
 */
final class EventStorage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStorage.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    static final int MAX_BATCH = 500;

    private final KafkaConsumer<String, byte[]> consumer;
    private final PauseWhileRetrying pause;
    private final AvroSerde<FaceDetections> serde = new AvroSerde<>(FaceDetections.class);
    private final EventStore store;
    private final Function<List<FaceDetections>, FaceIdentities> identify;
    private final DatabaseStatus status;
    private final Thread thread = new Thread(this::run, "event-storage");
    private volatile boolean closing;
    private volatile Throwable failure;

    private final SinkMeters meters;

    /** @param identify who the faces of a batch are, found once before the batch is stored */
    EventStorage(KafkaSettings kafka, String groupId, EventStore store,
                 Function<List<FaceDetections>, FaceIdentities> identify, DatabaseStatus status, SinkMeters meters) {
        Map<String, Object> config = new HashMap<>(kafka.consumerConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_BATCH);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.pause = new PauseWhileRetrying(consumer);
        this.store = store;
        this.identify = identify;
        this.status = status;
        this.meters = meters;
    }

    void start() {
        thread.start();
    }

    /** Why the storage thread stopped, empty while it runs. */
    Throwable failure() {
        return failure;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.FACES), pause);
            while (!closing) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    storeThenCommit(records);
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                failure = e;
            }
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("event storage stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void storeThenCommit(ConsumerRecords<String, byte[]> records) {
        List<FaceDetections> events = decode(records);
        if (!events.isEmpty()) {
            writeUntilStored(events);
        }
        commitPositions();
    }

    /**
     * Commits the positions of the last poll: past these records and the transaction markers after them. Partitions
     * another member took over during an outage are not ours to commit; it stores their events again, once.
     */
    private void commitPositions() {
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                consumer.commitSync();
                return;
            } catch (WakeupException e) {
                // Closing: what was stored is still committed, so a restart does not read it again.
            } catch (KafkaException e) {
                LOG.warn("could not commit stored events ({}); they will be read and stored again, once", e.toString());
                return;
            }
        }
    }

    private List<FaceDetections> decode(ConsumerRecords<String, byte[]> records) {
        List<FaceDetections> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                FaceDetections event = serde.deserializer().deserialize(record.topic(), record.value());
                if (event != null) {
                    events.add(event);
                }
            } catch (SerializationException e) {
                meters.unreadable();
                LOG.warn("skipping {}-{}@{}: not a face event ({})", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        return events;
    }

    private void writeUntilStored(List<FaceDetections> events) {
        Backoff backoff = new Backoff(FIRST_BACKOFF, MAX_BACKOFF);
        FaceIdentities identities = identify.apply(events);
        for (int attempt = 1; ; attempt++) {
            try {
                store.store(events, identities);
                if (pause.end()) {
                    LOG.info("database back: stored {} event(s) after {} attempt(s)", events.size(), attempt);
                }
                status.writeSucceeded();
                meters.stored(events.size());
                return;
            } catch (StorageUnavailableException e) {
                status.writeFailed(e.getMessage());
                Duration wait = backoff.next();
                LOG.warn("{} (attempt {}; retrying in {} ms)", e.getMessage(), attempt, wait.toMillis());
                if (!pause.waitOut(wait, () -> closing)) {
                    throw new WakeupException();
                }
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
