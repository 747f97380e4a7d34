package io.facestream.ingest;

import io.facestream.schemas.CameraUrls;
import io.facestream.schemas.avro.CameraConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which cameras this instance runs: those on the {@code cameras} partitions the consumer group gave
 * it. An assigned partition is read from the beginning to rebuild its cameras; a revoked or lost one
 * stops them. After every poll the running cameras are made to match.
 */
final class CameraAssignment implements ConsumerRebalanceListener {
    private static final Logger log = LoggerFactory.getLogger(CameraAssignment.class);

    private final Consumer<String, CameraConfig> consumer;
    private final RunningCameras running;
    private final Map<TopicPartition, Map<String, Camera>> camerasByPartition = new HashMap<>();

    CameraAssignment(Consumer<String, CameraConfig> consumer, RunningCameras running) {
        this.consumer = consumer;
        this.running = running;
    }

    /** Reads one batch of camera changes and applies them. */
    void pollOnce(Duration timeout) throws InterruptedException {
        ConsumerRecords<String, CameraConfig> records;
        try {
            records = consumer.poll(timeout);
        } catch (RecordDeserializationException e) {
            log.warn("cameras: skipping unreadable record at {} offset {}: {}", e.topicPartition(), e.offset(),
                    CameraUrls.redact(e.getMessage()));
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return;
        }
        records.forEach(this::apply);
        if (!records.isEmpty()) {
            running.runExactly(wanted(), "removed");
        }
    }

    private void apply(ConsumerRecord<String, CameraConfig> record) {
        Map<String, Camera> cameras = camerasByPartition.computeIfAbsent(
                new TopicPartition(record.topic(), record.partition()), partition -> new HashMap<>());
        if (record.value() == null) {
            cameras.remove(record.key());
            return;
        }
        try {
            Camera camera = Camera.fromAvro(record.value());
            if (!camera.id().equals(record.key())) {
                log.warn("cameras: record key '{}' differs from camera id '{}'; using the id", record.key(), camera.id());
            }
            cameras.put(camera.id(), camera);
        } catch (IllegalArgumentException e) {
            log.warn("cameras: ignoring camera '{}' at offset {}: {}", record.key(), record.offset(),
                    CameraUrls.redact(e.getMessage(), record.value().getUrl()));
        }
    }

    private List<Camera> wanted() {
        return camerasByPartition.values().stream().flatMap(cameras -> cameras.values().stream()).toList();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            log.info("cameras: assigned partitions {}", partitions);
            partitions.forEach(partition -> camerasByPartition.put(partition, new HashMap<>()));
            consumer.seekToBeginning(partitions);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        release(partitions, "moved to another ingest instance");
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        release(partitions, "partition lost by this ingest instance");
    }

    private void release(Collection<TopicPartition> partitions, String why) {
        if (partitions.isEmpty()) {
            return;
        }
        log.info("cameras: giving up partitions {}", partitions);
        Set<String> ids = partitions.stream()
                .map(camerasByPartition::remove)
                .filter(cameras -> cameras != null)
                .flatMap(cameras -> cameras.keySet().stream())
                .collect(Collectors.toSet());
        try {
            running.stop(ids, id -> why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
