package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facestream.schemas.avro.CameraState;
import io.facestream.schemas.avro.CameraStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest instances share the cameras through the consumer group on the cameras topic. */
class CameraSharingTest {
    private static final int CAMERA_PARTITIONS = 2;

    @TempDir
    Path dir;
    TestKafka kafka;

    @BeforeEach
    void startBroker() {
        kafka = TestKafka.start(dir.resolve("kafka"), TestKafka.topicsWithCameraPartitions(CAMERA_PARTITIONS));
    }

    @AfterEach
    void stopBroker() {
        kafka.close();
    }

    @Test
    void twoInstancesSplitFourCamerasAndTheSurvivorTakesThemAllBack() throws Exception {
        Path video = dir.resolve("loop.mp4");
        DemoVideo.write(video, 160, 120, 5, Duration.ofSeconds(1));
        List<Camera> cameras = twoCamerasPerPartition().stream()
                .map(id -> Camera.of(id, video.toString()).withFps(2).withLoop(true)).toList();
        Set<String> all = new HashSet<>(cameras.stream().map(Camera::id).toList());

        try (RecordCollector<CameraStatus> statuses = kafka.statuses()) {
            IngestService first = kafka.startIngest(kafka.config("first", "shared"), cameras);
            await().atMost(Duration.ofSeconds(30)).until(() -> first.runningCameraIds().equals(all));

            IngestService second = kafka.startIngest(kafka.config("second", "shared"), List.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> first.runningCameraIds().size() == 2
                    && second.runningCameraIds().size() == 2);
            Set<String> union = new HashSet<>(first.runningCameraIds());
            union.addAll(second.runningCameraIds());
            assertThat(union).isEqualTo(all);
            await().atMost(Duration.ofSeconds(10)).until(() -> second.cameraStates().values().stream()
                    .allMatch(state -> state == CameraState.STREAMING));
            assertThat(statuses.poll(s -> s.getState() == CameraState.STOPPED && s.getIngestInstance().equals("first")))
                    .extracting(CameraStatus::getReason).containsOnly("moved to another ingest instance").hasSize(2);

            second.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> first.runningCameraIds().equals(all));
            await().atMost(Duration.ofSeconds(10)).until(() -> first.cameraStates().values().stream()
                    .allMatch(state -> state == CameraState.STREAMING));
        }
    }

    /** Camera ids chosen so that each partition of the cameras topic holds two of them. */
    private static List<String> twoCamerasPerPartition() {
        List<List<String>> byPartition = new ArrayList<>();
        IntStream.range(0, CAMERA_PARTITIONS).forEach(p -> byPartition.add(new ArrayList<>()));
        for (int i = 0; byPartition.stream().anyMatch(ids -> ids.size() < 2); i++) {
            String id = "cam-" + i;
            // The partition the producer's default partitioner picks for this key.
            int partition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % CAMERA_PARTITIONS;
            if (byPartition.get(partition).size() < 2) {
                byPartition.get(partition).add(id);
            }
        }
        return byPartition.stream().flatMap(List::stream).toList();
    }
}
