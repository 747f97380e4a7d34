package io.facestream.ingest;

import io.facestream.schemas.CameraUrls;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.CameraConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which cameras this instance runs: those on the {@code cameras} partitions the consumer group gave
 * it. An assigned partition is read from the beginning to rebuild its cameras; a revoked or lost one
 * stops them. After every poll the running cameras are made to match.
 *
 * <p>A camera runs once its record carries its {@code frames} partition (see {@link FramePartitions}). A record
 * without one (a new camera, or one rewritten by the sink's API) is written again here with the header, once its
 * partition has been read to the end: a later record of the camera may carry it already.
 */
final class CameraAssignment implements ConsumerRebalanceListener {
    private static final Logger log = LoggerFactory.getLogger(CameraAssignment.class);

    private final Consumer<String, CameraConfig> consumer;
    private final RunningCameras running;
    private final Producer<String, CameraConfig> stamps;
    private final FramePartitions allCameras;
    private final Map<TopicPartition, Map<String, Camera>> camerasByPartition = new HashMap<>();
    /** The frames partition of each camera here, as its records carry it. */
    private final Map<String, Integer> framesPartitions = new HashMap<>();
    /** The latest records of cameras that carry no frames partition, by cameras partition and camera id. */
    private final Map<TopicPartition, Map<String, ConsumerRecord<String, CameraConfig>>> unstamped = new HashMap<>();

    CameraAssignment(Consumer<String, CameraConfig> consumer, RunningCameras running,
                     Producer<String, CameraConfig> stamps, FramePartitions allCameras) {
        this.consumer = consumer;
        this.running = running;
        this.stamps = stamps;
        this.allCameras = allCameras;
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
        boolean stamped = stampCaughtUpPartitions();
        if (!records.isEmpty() || stamped) {
            running.runExactly(wanted(), framesPartitions, "removed");
        }
    }

    private void apply(ConsumerRecord<String, CameraConfig> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Map<String, Camera> cameras = camerasByPartition.computeIfAbsent(partition, p -> new HashMap<>());
        Map<String, ConsumerRecord<String, CameraConfig>> unstampedHere =
                unstamped.computeIfAbsent(partition, p -> new HashMap<>());
        if (record.value() == null) {
            cameras.remove(record.key());
            framesPartitions.remove(record.key());
            unstampedHere.remove(record.key());
            return;
        }
        try {
            Camera camera = Camera.fromAvro(record.value());
            if (!camera.id().equals(record.key())) {
                log.warn("cameras: record key '{}' differs from camera id '{}'; using the id", record.key(), camera.id());
            }
            cameras.put(camera.id(), camera);
            OptionalInt stamp = allCameras.stampOf(record.headers());
            if (stamp.isPresent()) {
                framesPartitions.put(camera.id(), stamp.getAsInt());
                unstampedHere.remove(camera.id());
            } else {
                unstampedHere.put(camera.id(), record);
            }
        } catch (IllegalArgumentException e) {
            unstampedHere.remove(record.key()); // writing an earlier config again would undo the change
            log.warn("cameras: ignoring camera '{}' at offset {}: {}", record.key(), record.offset(),
                    CameraUrls.redact(e.getMessage(), record.value().getUrl()));
        }
    }

    /**
     * Gives the unstamped cameras of every partition read to its end their frames partition: the one they had, or a new
     * one. Waits for each write, so the partition's next owner reads it. Whether any camera was stamped.
     */
    private boolean stampCaughtUpPartitions() throws InterruptedException {
        boolean any = false;
        for (var entry : unstamped.entrySet()) {
            if (entry.getValue().isEmpty() || consumer.currentLag(entry.getKey()).orElse(1) > 0) {
                continue;
            }
            for (var camera : entry.getValue().entrySet()) {
                int framesPartition = framesPartitions.computeIfAbsent(camera.getKey(), allCameras::choose);
                allCameras.record(camera.getKey(), framesPartition);
                stamp(camera.getValue(), framesPartition);
            }
            entry.getValue().clear();
            any = true;
        }
        return any;
    }

    /** Writes the camera's record again, as it is, with its frames partition. */
    private void stamp(ConsumerRecord<String, CameraConfig> record, int framesPartition) throws InterruptedException {
        RecordHeaders headers = new RecordHeaders();
        headers.add(FramePartitions.stamp(framesPartition));
        try {
            stamps.send(new ProducerRecord<>(record.topic(), record.partition(), record.key(), record.value(), headers))
                    .get();
            log.info("camera {}: frames go to {} partition {}", record.key(), Topics.FRAMES, framesPartition);
        } catch (ExecutionException e) {
            // The camera runs on the partition chosen; a next owner of the record may choose another.
            log.warn("camera {}: frames partition {} not written to {}: {}", record.key(), framesPartition,
                    record.topic(), e.getCause().toString());
        }
    }

    /** The cameras here whose frames partition is known. */
    private List<Camera> wanted() {
        return camerasByPartition.values().stream().flatMap(cameras -> cameras.values().stream())
                .filter(camera -> framesPartitions.containsKey(camera.id())).toList();
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
        partitions.forEach(unstamped::remove);
        Set<String> ids = partitions.stream()
                .map(camerasByPartition::remove)
                .filter(cameras -> cameras != null)
                .flatMap(cameras -> cameras.keySet().stream())
                .collect(Collectors.toSet());
        ids.forEach(framesPartitions::remove);
        try {
            running.stop(ids, id -> why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
