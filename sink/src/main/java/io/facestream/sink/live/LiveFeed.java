package io.facestream.sink.live;

import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.KafkaSettings;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.Alert;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.CameraStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import io.facestream.sink.cameras.CameraRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer thread that follows the topics the dashboard shows, outside any consumer group (every sink instance
 * sees everything): the compacted {@code cameras} and {@code camera-status} from their beginning into the
 * {@link CameraRegistry}, and {@code frames}, {@code faces} and {@code alerts} from their end into the {@link LiveHub}.
 * It reads committed records only, as the sink's store does, so an event of an aborted worker transaction is never shown.
 */
public final class LiveFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    private static final List<String> FROM_BEGINNING = List.of(Topics.CAMERAS, Topics.CAMERA_STATUS);
    private static final List<String> FROM_END = List.of(Topics.FRAMES, Topics.FACES, Topics.ALERTS);
    private static final Duration POLL = Duration.ofMillis(200);
    /** Topics created (or partitions added) after the start are picked up this often. */
    private static final long REASSIGN_INTERVAL_MS = 10_000;

    private final KafkaConsumer<String, byte[]> consumer;
    private final LiveHub hub;
    private final CameraRegistry registry;
    private final AvroSerde<CameraConfig> configs = new AvroSerde<>(CameraConfig.class);
    private final AvroSerde<CameraStatus> statuses = new AvroSerde<>(CameraStatus.class);
    private final AvroSerde<Frame> frames = new AvroSerde<>(Frame.class);
    private final AvroSerde<FaceDetections> detections = new AvroSerde<>(FaceDetections.class);
    private final AvroSerde<Alert> alerts = new AvroSerde<>(Alert.class);
    private final Thread thread;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private Map<TopicPartition, Long> loadEnd;
    private volatile boolean closing;

    private LiveFeed(KafkaSettings kafka, LiveHub hub, CameraRegistry registry) {
        Map<String, Object> config = kafka.consumerConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // Asking for a topic's partitions must not create it with a broker's defaults before it is set up.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "face-stream-sink-live");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.hub = hub;
        this.registry = registry;
        this.thread = new Thread(this::run, "sink-live-feed");
        thread.setDaemon(true);
    }

    /** Starts following the topics on a thread of its own. */
    public static LiveFeed start(KafkaSettings kafka, LiveHub hub, CameraRegistry registry) {
        LiveFeed feed = new LiveFeed(kafka, hub, registry);
        feed.thread.start();
        return feed;
    }

    private void run() {
        long nextAssignment = 0;
        try {
            while (!closing) {
                if (System.currentTimeMillis() >= nextAssignment) {
                    assignNewPartitions();
                    nextAssignment = System.currentTimeMillis() + REASSIGN_INTERVAL_MS;
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(POLL.toMillis());
                    continue;
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                records.forEach(this::dispatch);
                noteProgress();
            }
        } catch (WakeupException | InterruptedException e) {
            // close() ends the loop.
        } catch (RuntimeException e) {
            LOG.error("the live feed stopped: the dashboard no longer updates", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void assignNewPartitions() {
        List<TopicPartition> beginning = new ArrayList<>();
        List<TopicPartition> end = new ArrayList<>();
        FROM_BEGINNING.forEach(topic -> partitions(topic).stream().filter(p -> !assigned.contains(p)).forEach(beginning::add));
        FROM_END.forEach(topic -> partitions(topic).stream().filter(p -> !assigned.contains(p)).forEach(end::add));
        if (beginning.isEmpty() && end.isEmpty()) {
            return;
        }
        assigned.addAll(beginning);
        assigned.addAll(end);
        consumer.assign(assigned);
        consumer.seekToBeginning(beginning);
        consumer.seekToEnd(end);
        // Seeks are lazy: fixing the end now means that whatever is published once a camera status has been read
        // back is shown (tests rely on that), instead of depending on when the next poll runs.
        end.forEach(consumer::position);
        if (loadEnd == null) {
            loadEnd = new HashMap<>(beginning.isEmpty() ? Map.of() : consumer.endOffsets(beginning));
            if (loadEnd.isEmpty()) {
                registry.loaded();
            }
        }
        LOG.debug("live feed follows {} partition(s)", assigned.size());
    }

    private List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        return infos == null ? List.of() : infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        String camera = record.key();
        try {
            switch (record.topic()) {
                case Topics.CAMERAS -> registry.configChanged(camera, configs.deserializer().deserialize(record.topic(), record.value()));
                case Topics.CAMERA_STATUS -> {
                    CameraStatus status = statuses.deserializer().deserialize(record.topic(), record.value());
                    registry.statusChanged(camera, status);
                    hub.status(camera, status);
                }
                case Topics.FRAMES -> {
                    if (record.value() != null) {
                        hub.frame(frames.deserializer().deserialize(record.topic(), record.value()));
                    }
                }
                case Topics.FACES -> {
                    if (record.value() != null) {
                        hub.detections(detections.deserializer().deserialize(record.topic(), record.value()));
                    }
                }
                case Topics.ALERTS -> {
                    if (record.value() != null) {
                        hub.alert(alerts.deserializer().deserialize(record.topic(), record.value()));
                    }
                }
                default -> LOG.debug("ignoring a record of {}", record.topic());
            }
        } catch (SerializationException e) {
            // The store's dead-letter topic keeps bad face records; the live view just skips what it cannot read.
            LOG.debug("live feed skips {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    private void noteProgress() {
        for (TopicPartition partition : assigned) {
            if (partition.topic().equals(Topics.CAMERAS)) {
                registry.camerasRead(partition.partition(), consumer.position(partition));
            }
        }
        if (loadEnd != null && !loadEnd.isEmpty()) {
            loadEnd.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
            if (loadEnd.isEmpty()) {
                registry.loaded();
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
