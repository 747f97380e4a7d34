package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.Topics;
import io.facestream.schemas.Topics.TopicSpec;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.Frame;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cameras' frames spread over the frames partitions, and a camera keeps its partition on another ingest instance. */
class FramePartitionPlacementTest {
    private static final int FRAMES_PARTITIONS = 4;
    /**
     * Two on each of the two cameras partitions (so two instances split them); hashing the ids put porch and yard on
     * one frames partition of four and left partition 1 empty.
     */
    private static final List<String> CAMERAS = List.of("door", "garage", "porch", "yard");

    @TempDir
    Path dir;
    TestKafka kafka;

    @BeforeEach
    void startBroker() {
        List<TopicSpec> topics = Topics.specs(FRAMES_PARTITIONS).stream()
                .map(spec -> spec.name().equals(Topics.CAMERAS) ? new TopicSpec(spec.name(), 2, spec.configs()) : spec)
                .toList();
        kafka = TestKafka.start(dir.resolve("kafka"), topics);
    }

    @AfterEach
    void stopBroker() {
        kafka.close();
    }

    @Test
    void camerasGetAFramesPartitionEachAndKeepItWhenTheyMoveToAnotherInstance() throws Exception {
        Path video = dir.resolve("loop.mp4");
        DemoVideo.write(video, 160, 120, 5, Duration.ofSeconds(1));
        List<Camera> cameras = CAMERAS.stream().map(id -> Camera.of(id, video.toString()).withFps(2).withLoop(true))
                .toList();

        try (RecordCollector<Frame> frames = kafka.frames()) {
            IngestService first = kafka.startIngest(kafka.config("first", "shared"), cameras);
            Map<String, Set<Integer>> before = await().atMost(Duration.ofSeconds(30))
                    .until(() -> partitionsByCamera(frames.pollRecords(), 0), byCamera -> byCamera.size() == 4);
            assertThat(before.values()).allSatisfy(partitions -> assertThat(partitions).hasSize(1));
            assertThat(before.values().stream().flatMap(Set::stream)).containsExactlyInAnyOrder(0, 1, 2, 3);

            // Frames numbered from now on come from a camera's run on the instance that has it after the move.
            long moved = System.currentTimeMillis();
            IngestService second = kafka.startIngest(kafka.config("second", "shared"), List.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> second.runningCameraIds().size() == 2);
            Set<String> secondsCameras = second.runningCameraIds();
            Map<String, Set<Integer>> after = await().atMost(Duration.ofSeconds(30))
                    .until(() -> partitionsByCamera(frames.pollRecords(), moved),
                            byCamera -> byCamera.keySet().containsAll(secondsCameras));
            secondsCameras.forEach(camera -> assertThat(after.get(camera)).as(camera).isEqualTo(before.get(camera)));
            assertThat(first.runningCameraIds()).doesNotContainAnyElementsOf(secondsCameras);
            assertThat(partitionsByCamera(frames.pollRecords(), 0)).isEqualTo(before);
        }
    }

    @Test
    void aCameraRewrittenWithoutItsPartitionKeepsIt() throws Exception {
        Path video = dir.resolve("loop.mp4");
        DemoVideo.write(video, 160, 120, 5, Duration.ofSeconds(1));
        List<Camera> cameras = CAMERAS.stream().map(id -> Camera.of(id, video.toString()).withFps(2).withLoop(true))
                .toList();

        try (RecordCollector<Frame> frames = kafka.frames();
             KafkaProducer<String, CameraConfig> writer = kafka.cameraProducer()) {
            kafka.startIngest(kafka.config("only", "alone"), cameras);
            Map<String, Set<Integer>> before = await().atMost(Duration.ofSeconds(30))
                    .until(() -> partitionsByCamera(frames.pollRecords(), 0), byCamera -> byCamera.size() == 4);

            // As the sink's API writes a camera: its config alone, no header; a new fps restarts the camera.
            long rewritten = System.currentTimeMillis();
            writer.send(new ProducerRecord<>(Topics.CAMERAS, "yard", cameras.get(3).withFps(3).toAvro())).get();
            Map<String, Set<Integer>> after = await().atMost(Duration.ofSeconds(30))
                    .until(() -> partitionsByCamera(frames.pollRecords(), rewritten),
                            byCamera -> byCamera.containsKey("yard"));
            assertThat(after.get("yard")).isEqualTo(before.get("yard"));
            try (RecordCollector<CameraConfig> configs = new RecordCollector<>(kafka.bootstrapServers(), Topics.CAMERAS,
                    new AvroSerde<>(CameraConfig.class))) {
                // The ingest instance wrote the config again with the partition it had.
                ConsumerRecord<String, CameraConfig> latest = await().atMost(Duration.ofSeconds(10))
                        .until(() -> latestOf(configs.pollRecords(), "yard"), last -> last.value().getFps() == 3
                                && last.headers().lastHeader(FramePartitions.HEADER) != null);
                assertThat(new FramePartitions(FRAMES_PARTITIONS).stampOf(latest.headers()))
                        .hasValue(before.get("yard").iterator().next());
            }
        }
    }

    private static ConsumerRecord<String, CameraConfig> latestOf(List<ConsumerRecord<String, CameraConfig>> records,
                                                                 String camera) {
        return records.stream().filter(record -> record.key().equals(camera)).reduce((a, b) -> b).orElseThrow();
    }

    /** The partitions each camera's frames numbered {@code fromSequence} or later went to. */
    private static Map<String, Set<Integer>> partitionsByCamera(List<ConsumerRecord<String, Frame>> records,
                                                                long fromSequence) {
        return records.stream().filter(record -> record.value().getSequence() >= fromSequence)
                .collect(Collectors.groupingBy(ConsumerRecord::key,
                        Collectors.mapping(ConsumerRecord::partition, Collectors.toCollection(HashSet::new))));
    }
}
