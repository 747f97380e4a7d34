package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facestream.broker.TopicReader;
import io.facestream.ingest.Camera;
import io.facestream.ingest.DemoVideo;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import io.facestream.worker.WorkerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with three cameras: their frames on three partitions (hashing their ids put porch and yard on one), each
 * event on the partition of its frame, and the sink's crop join finding both.
 */
class PipelinePartitionsTest {
    private static final List<String> CAMERAS = List.of("door", "porch", "yard");
    private static final int FPS = 2;

    @TempDir
    Path dataDir;

    @Test
    void eachCameraHasAPartitionItsEventsFollowAndTheSinkCropsItsFaces() throws Exception {
        Path video = dataDir.resolve("people.mp4");
        DemoVideo.write(video, DemoVideo.WIDTH, DemoVideo.HEIGHT, DemoVideo.FPS, Duration.ofSeconds(4));
        List<Camera> cameras = CAMERAS.stream().map(id -> Camera.of(id, video.toString()).withFps(FPS)).toList();
        WorkerConfig worker = WorkerConfig.fromEnvironment(Map.of("WORKER_HTTP_PORT", "0"));
        try (LocalCommand.LocalPipeline pipeline = LocalCommand.LocalPipeline.start(dataDir, 0, cameras, worker, 1,
                0)) {
            String bootstrap = pipeline.bootstrapServers();
            List<ConsumerRecord<String, FaceDetections>> events = await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> faceEvents(bootstrap),
                            e -> e.stream().map(ConsumerRecord::key).distinct().count() == CAMERAS.size()
                                    && e.size() >= CAMERAS.size() * 6);
            Map<String, Integer> framePartitions = framePartitions(bootstrap);

            assertThat(Set.copyOf(framePartitions.values())).hasSize(CAMERAS.size());
            for (ConsumerRecord<String, FaceDetections> event : events) {
                assertThat(event.partition()).as("event %s", key(event.value()))
                        .isEqualTo(framePartitions.get(key(event.value())));
            }
            for (String camera : CAMERAS) {
                FaceDetections withFaces = events.stream().map(ConsumerRecord::value)
                        .filter(e -> e.getCameraId().equals(camera) && !e.getFaces().isEmpty())
                        .findFirst().orElseThrow();
                assertCropServed(pipeline.sink().httpPort(), camera, withFaces.getSequence());
            }
        }
    }

    /** The partition of each frame, by camera and sequence; every frame of a camera on one partition. */
    private static Map<String, Integer> framePartitions(String bootstrap) {
        List<ConsumerRecord<String, Frame>> frames = TopicReader.readCommitted(bootstrap, Topics.FRAMES,
                new AvroSerde<>(Frame.class).deserializer());
        Map<String, Set<Integer>> byCamera = frames.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(ConsumerRecord::partition, Collectors.toSet())));
        assertThat(byCamera).allSatisfy((camera, partitions) -> assertThat(partitions).as(camera).hasSize(1));
        return frames.stream().collect(Collectors.toMap(frame -> key(frame.value()), ConsumerRecord::partition));
    }

    private static String key(Frame frame) {
        return frame.getCameraId() + "#" + frame.getSequence();
    }

    private static String key(FaceDetections event) {
        return event.getCameraId() + "#" + event.getSequence();
    }

    private static void assertCropServed(int port, String camera, long sequence) {
        HttpClient http = HttpClient.newHttpClient();
        URI crop = URI.create("http://127.0.0.1:" + port + "/api/crops/" + camera + "/" + sequence + "/0");
        await().atMost(Duration.ofSeconds(30)).alias("crop of " + camera + " #" + sequence).until(() -> http.send(
                HttpRequest.newBuilder(crop).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private static List<ConsumerRecord<String, FaceDetections>> faceEvents(String bootstrap) {
        return TopicReader.readCommitted(bootstrap, Topics.FACES, new AvroSerde<>(FaceDetections.class).deserializer());
    }
}
