package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.CameraState;
import io.facestream.schemas.avro.CameraStatus;
import io.facestream.schemas.avro.DetectionSettings;
import io.facestream.schemas.avro.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Cameras changed and removed at run time, and camera passwords kept out of events and logs. */
class CameraLifecycleTest {
    private static final String PASSWORD = "S3cretPw";
    private static final String TOKEN = "Hunter22x";

    @TempDir
    Path dir;
    TestKafka kafka;
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    Logger ours = (Logger) LoggerFactory.getLogger("io.facestream");
    Logger ffmpeg = (Logger) LoggerFactory.getLogger("io.facestream.ingest.ffmpeg");

    @BeforeEach
    void start() {
        logs.start();
        root.addAppender(logs);
        ours.setLevel(Level.DEBUG);
        ffmpeg.setLevel(Level.DEBUG);
        kafka = TestKafka.start(dir.resolve("kafka"));
    }

    @AfterEach
    void stop() {
        kafka.close();
        root.detachAppender(logs);
        ours.setLevel(Level.INFO);
        ffmpeg.setLevel(Level.WARN);
    }

    @Test
    void cameraRemovedByTombstoneStops() throws Exception {
        Path video = dir.resolve("loop.mp4");
        DemoVideo.write(video, 160, 120, 10, Duration.ofSeconds(1));
        try (RecordCollector<Frame> frames = kafka.frames(); RecordCollector<CameraStatus> statuses = kafka.statuses();
             KafkaProducer<String, CameraConfig> producer = kafka.cameraProducer()) {
            IngestService ingest = kafka.startIngest(List.of(Camera.of("doomed", video.toString()).withLoop(true)));
            await().atMost(Duration.ofSeconds(30)).until(() -> frames.poll(f -> f.getCameraId().equals("doomed")).size() >= 3);

            new CameraPublisher(producer).remove("doomed");

            await().atMost(Duration.ofSeconds(15)).until(() -> statuses.poll(s -> s.getCameraId().equals("doomed")
                    && s.getState() == CameraState.STOPPED && "removed".equals(s.getReason())).size() == 1);
            assertThat(ingest.runningCameraIds()).doesNotContain("doomed");
            int sentBefore = frames.poll(f -> f.getCameraId().equals("doomed")).size();
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(frames.poll(f -> f.getCameraId().equals("doomed"))).hasSize(sentBefore);
        }
    }

    @Test
    void detectionSettingsOfTheCameraFileArePublishedAndAChangeOfThemAloneKeepsTheCameraStreaming() throws Exception {
        Path video = dir.resolve("door.mp4");
        DemoVideo.write(video, 160, 120, 10, Duration.ofSeconds(1));
        Path file = Files.writeString(dir.resolve("cameras.yaml"), "- id: door\n  url: " + video + "\n  loop: true\n"
                + "  detection: {minFaceSize: 60, tracking: false}\n");
        try (RecordCollector<CameraConfig> cameras = kafka.cameras(); RecordCollector<Frame> frames = kafka.frames();
             RecordCollector<CameraStatus> statuses = kafka.statuses();
             KafkaProducer<String, CameraConfig> producer = kafka.cameraProducer()) {
            kafka.startIngest(kafka.config("detection", "detection").withCamerasFile(file), List.of());

            CameraConfig published = await().atMost(Duration.ofSeconds(20))
                    .until(() -> cameras.poll(Objects::nonNull), list -> !list.isEmpty()).get(0);
            assertThat(published.getDetection()).isEqualTo(new DetectionSettings(60, List.of(), null, null, false, null, null));
            await().atMost(Duration.ofSeconds(30)).until(() -> frames.poll(f -> f.getCameraId().equals("door")).size() >= 3);

            Camera door = Camera.fromAvro(published);
            DetectionSettings smallerFaces = new DetectionSettings(30, List.of(), null, null, true, null, null);
            new CameraPublisher(producer).publish(List.of(door.withDetection(smallerFaces)));
            // Ingest writes the change again with its frames partition once it has read it.
            await().atMost(Duration.ofSeconds(20)).until(() -> cameras.pollRecords().stream().anyMatch(record ->
                    record.value() != null && smallerFaces.equals(record.value().getDetection())
                            && record.headers().lastHeader(FramePartitions.HEADER) != null));
            // Then a change that ingest does use. Ingest applies changes in order, so a restart for the detection
            // settings would show as a STOPPED before this one's.
            new CameraPublisher(producer).publish(List.of(door.withDetection(smallerFaces).withFps(4)));

            await().atMost(Duration.ofSeconds(20)).until(() -> !stopped(statuses, "door").isEmpty());
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(stopped(statuses, "door")).as("one restart: for the fps, not for the detection settings")
                    .hasSize(1);
        }
    }

    private static List<CameraStatus> stopped(RecordCollector<CameraStatus> statuses, String cameraId) {
        return statuses.poll(s -> s.getCameraId().equals(cameraId) && s.getState() == CameraState.STOPPED
                && "configuration changed".equals(s.getReason()));
    }

    @Test
    void passwordInCameraUrlNeverShowsInStatusEventsOrLogs() throws Exception {
        String url = "rtsp://admin:" + PASSWORD + "@127.0.0.1:" + FreePort.find() + "/stream?password=" + TOKEN;
        try (RecordCollector<CameraStatus> statuses = kafka.statuses()) {
            kafka.startIngest(List.of(Camera.of("locked", url).withStallTimeout(Duration.ofSeconds(1))));
            // Two failed attempts: the error of FFmpeg, which quotes the URL, went through every path (logs at DEBUG).
            await().atMost(Duration.ofSeconds(20)).until(() -> statuses.poll(s -> s.getCameraId().equals("locked")
                    && s.getState() == CameraState.DOWN).size() >= 2);

            List<String> reasons = statuses.poll().stream().map(CameraStatus::getReason).filter(Objects::nonNull).toList();
            assertThat(reasons).isNotEmpty().allSatisfy(reason -> assertThat(reason).doesNotContain(PASSWORD, TOKEN));
            assertThat(reasons).contains("connection refused");
            assertThat(loggedText()).anySatisfy(line -> assertThat(line).contains("locked"))
                    .allSatisfy(line -> assertThat(line).doesNotContain(PASSWORD, TOKEN));
        }
    }

    @Test
    void aFileCameraFromTheTopicIsRefusedUnlessLocalSourcesAreAllowed() throws Exception {
        Path video = dir.resolve("door.mp4");
        DemoVideo.write(video, 160, 120, 10, Duration.ofSeconds(1));
        try (RecordCollector<Frame> frames = kafka.frames(); RecordCollector<CameraStatus> statuses = kafka.statuses()) {
            IngestService ingest = kafka.startIngest(kafka.config("strict", "strict").withAllowLocalSources(false),
                    List.of(Camera.of("file", video.toString()).withLoop(true)));

            CameraStatus down = await().atMost(Duration.ofSeconds(20)).until(() -> statuses.poll(s ->
                    s.getCameraId().equals("file") && s.getState() == CameraState.DOWN), list -> !list.isEmpty()).get(0);
            assertThat(down.getReason()).startsWith("not opened: a file, device or other non-network URL")
                    .contains("INGEST_ALLOW_LOCAL_SOURCES");
            assertThat(ingest.cameraStates()).containsEntry("file", CameraState.DOWN);
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(frames.poll(f -> f.getCameraId().equals("file"))).isEmpty();
        }
    }

    @Test
    void placeholdersOfTheUrlAreFilledFromTheEnvironmentWhenTheCameraOpens() throws Exception {
        Path video = dir.resolve("door.mp4");
        DemoVideo.write(video, 160, 120, 10, Duration.ofSeconds(1));
        IngestConfig config = IngestConfig.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                        "INGEST_ALLOW_LOCAL_SOURCES", "true", "CAMERA_SECRET_VIDEOS", dir.toString()))
                .withInstanceId("secrets").withGroupId("secrets").withStatusInterval(Duration.ofMillis(500));
        try (RecordCollector<Frame> frames = kafka.frames(); RecordCollector<CameraStatus> statuses = kafka.statuses()) {
            kafka.startIngest(config, List.of(Camera.of("door", "${CAMERA_SECRET_VIDEOS}/door.mp4").withLoop(true),
                    Camera.of("gate", "rtsp://admin:${CAMERA_SECRET_GATE}@127.0.0.1/live")));

            await().atMost(Duration.ofSeconds(30)).until(() -> frames.poll(f -> f.getCameraId().equals("door")).size() >= 3);
            CameraStatus gate = await().atMost(Duration.ofSeconds(20)).until(() -> statuses.poll(s ->
                    s.getCameraId().equals("gate") && s.getState() == CameraState.DOWN), list -> !list.isEmpty()).get(0);
            assertThat(gate.getReason()).isEqualTo("not opened: url names the variable CAMERA_SECRET_GATE, which "
                    + "ingest's environment does not set");
        }
    }

    private List<String> loggedText() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            lines.add(event.getFormattedMessage());
            for (IThrowableProxy error = event.getThrowableProxy(); error != null; error = error.getCause()) {
                lines.add(error.getMessage());
            }
        }
        return lines.stream().filter(Objects::nonNull).toList();
    }
}
