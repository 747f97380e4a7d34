package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facestream.broker.TopicReader;
import io.facestream.ingest.Camera;
import io.facestream.ingest.DemoVideo;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.worker.WorkerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path video = dataDir.resolve("door.mp4");
        DemoVideo.write(video, DemoVideo.WIDTH, DemoVideo.HEIGHT, DemoVideo.FPS, VIDEO);
        Camera door = Camera.of("door", video.toString()).withFps(FPS);
        WorkerConfig worker = WorkerConfig.fromEnvironment(Map.of("WORKER_HTTP_PORT", "0"));
        try (LocalCommand.LocalPipeline pipeline = LocalCommand.LocalPipeline.start(dataDir, 0, List.of(door), worker,
                1, 0)) {
            long expected = VIDEO.toSeconds() * FPS;
            List<FaceDetections> events = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> faceEvents(pipeline.bootstrapServers()), e -> e.size() >= expected - 1);
            Thread.sleep(3_000);
            events = faceEvents(pipeline.bootstrapServers());
            assertThat((long) events.size()).isBetween(expected - 1, expected + 1);
            long first = events.get(0).getSequence();
            assertThat(events).extracting(FaceDetections::getSequence)
                    .containsExactlyElementsOf(LongStream.range(first, first + events.size()).boxed().toList());
            assertThat(events).allMatch(e -> e.getStatus() == DetectionStatus.OK && e.getCameraId().equals("door"));
            long withFaces = events.stream().filter(e -> !e.getFaces().isEmpty()).count();
            assertThat(withFaces).as("frames with people").isGreaterThan(events.size() / 3);
            assertThat(events.size() - withFaces).as("frames with nobody").isPositive();
            assertStoredBySink(pipeline.sink().httpPort(), events.size());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
                    .as("the broker's files hold camera passwords").isEqualTo("rwx------");
        }
    }

    /** The sink stored every event: its REST API counts them. */
    private static void assertStoredBySink(int port, int expected) {
        HttpClient http = HttpClient.newHttpClient();
        String stats = await().atMost(Duration.ofSeconds(30)).until(() -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/cameras/door/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body(), body -> body.contains("\"events\":" + expected));
        assertThat(stats).contains("\"events\":" + expected);
    }

    private static List<FaceDetections> faceEvents(String bootstrap) {
        return TopicReader.readCommitted(bootstrap, Topics.FACES, new AvroSerde<>(FaceDetections.class).deserializer())
                .stream().map(ConsumerRecord::value).toList();
    }
}
