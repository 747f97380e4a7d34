package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facestream.ingest.Camera;
import io.facestream.ingest.DemoVideo;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: a video file decoded by FFmpeg, through ingest and a worker, to one face event per frame. */
class LocalPipelineTest {
    private static final int FPS = 5;
    private static final Duration VIDEO = Duration.ofSeconds(8);

    @TempDir
    Path dataDir;

    @Test
    void videoFileBecomesOneFaceEventPerSampledFrameWithoutGaps() throws Exception {
        Path video = dataDir.resolve("door.mp4");
        DemoVideo.write(video, DemoVideo.WIDTH, DemoVideo.HEIGHT, DemoVideo.FPS, VIDEO);
        Camera door = Camera.of("door", video.toString()).withFps(FPS);
        try (LocalCommand.LocalPipeline pipeline = LocalCommand.LocalPipeline.start(dataDir, 0, List.of(door), 1)) {
            long expected = VIDEO.toSeconds() * FPS;
            List<FaceDetections> events = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> faceEvents(pipeline.bootstrapServers()), e -> e.size() >= expected - 1);
            Thread.sleep(3_000);
            events = faceEvents(pipeline.bootstrapServers());
            assertThat((long) events.size()).isBetween(expected - 1, expected + 1);
            assertThat(events).extracting(FaceDetections::getSequence)
                    .containsExactlyElementsOf(LongStream.range(0, events.size()).boxed().toList());
            assertThat(events).allMatch(e -> e.getStatus() == DetectionStatus.OK && e.getCameraId().equals("door"));
            long withFaces = events.stream().filter(e -> !e.getFaces().isEmpty()).count();
            assertThat(withFaces).as("frames with people").isGreaterThan(events.size() / 3);
            assertThat(events.size() - withFaces).as("frames with nobody").isPositive();
        }
    }

    private static List<FaceDetections> faceEvents(String bootstrap) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<FaceDetections> events = new ArrayList<>();
        try (KafkaConsumer<String, FaceDetections> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new AvroSerde<>(FaceDetections.class).deserializer())) {
            consumer.subscribe(List.of(Topics.FACES));
            int quiet = 0;
            while (quiet < 3) {
                var records = consumer.poll(Duration.ofMillis(300));
                quiet = records.isEmpty() && !consumer.assignment().isEmpty() ? quiet + 1 : 0;
                records.forEach(r -> events.add(r.value()));
            }
        }
        return events;
    }
}
