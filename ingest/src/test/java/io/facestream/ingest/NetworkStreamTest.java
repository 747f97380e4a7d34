package io.facestream.ingest;

import static io.facestream.ingest.FileIngestTest.decode;
import static io.facestream.ingest.FileIngestTest.assertGapless;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facestream.schemas.avro.CameraState;
import io.facestream.schemas.avro.CameraStatus;
import io.facestream.schemas.avro.Frame;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live network cameras: HTTP from FFmpeg's own server, RTSP from GStreamer's, and a camera that hangs. */
class NetworkStreamTest {
    @TempDir
    Path dir;
    TestKafka kafka;

    @BeforeEach
    void startBroker() {
        kafka = TestKafka.start(dir.resolve("kafka"));
    }

    @AfterEach
    void stopBroker() {
        kafka.close();
    }

    @Test
    void httpStreamFromFfmpegIsIngested() throws Exception {
        Path video = dir.resolve("clip.mp4");
        DemoVideo.write(video, 320, 240, 10, Duration.ofSeconds(2));
        int port = FreePort.find();
        String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        // MPEG-4 part 2 keeps its decoder setup in the file header; a live viewer needs it in every key frame.
        List<String> command = List.of(ffmpeg, "-hide_banner", "-loglevel", "warning", "-re", "-stream_loop", "-1",
                "-i", video.toString(), "-c", "copy", "-bsf:v", "dump_extra=freq=keyframe", "-f", "mpegts",
                "-listen", "1", "http://127.0.0.1:" + port + "/live.ts");
        try (ExternalProcess server = ExternalProcess.start(dir.resolve("ffmpeg.log"), command);
             RecordCollector<Frame> frames = kafka.frames()) {
            kafka.startIngest(List.of(Camera.of("http-cam", "http://127.0.0.1:" + port + "/live.ts").withFps(5)));

            await().atMost(Duration.ofSeconds(30)).until(() -> frames.poll(f -> f.getCameraId().equals("http-cam")).size() >= 12);
            List<Frame> sent = frames.poll(f -> f.getCameraId().equals("http-cam"));
            assertGapless(sent);
            BufferedImage image = decode(sent.get(sent.size() - 1).getData());
            assertThat(image.getWidth()).isEqualTo(320);
            assertThat(image.getHeight()).isEqualTo(240);
        }
    }

    @Test
    void rtspCameraComesBackAfterItsServerRestarts() throws Exception {
        try (RtspTestServer server = new RtspTestServer(dir, FreePort.find());
             RecordCollector<Frame> frames = kafka.frames();
             RecordCollector<CameraStatus> statuses = kafka.statuses()) {
            server.start();
            kafka.startIngest(List.of(Camera.of("rtsp-cam", server.url()).withFps(5)
                    .withStallTimeout(Duration.ofSeconds(2))));
            await().atMost(Duration.ofSeconds(30)).until(() -> frames.poll(f -> f.getCameraId().equals("rtsp-cam")).size() >= 5);

            server.stop();
            await().atMost(Duration.ofSeconds(15)).until(() -> statesOf(statuses, "rtsp-cam").contains(CameraState.DOWN));
            int beforeRestart = frames.poll(f -> f.getCameraId().equals("rtsp-cam")).size();
            server.start();

            await().atMost(Duration.ofSeconds(30)).until(() -> frames.poll(f -> f.getCameraId().equals("rtsp-cam")).size() >= beforeRestart + 5);
            await().atMost(Duration.ofSeconds(10)).until(() -> streamingAgainAfterDown(statuses, "rtsp-cam"));
            List<Frame> sent = frames.poll(f -> f.getCameraId().equals("rtsp-cam"));
            assertGapless(sent);
            assertThat(decode(sent.get(sent.size() - 1).getData()).getWidth()).isEqualTo(320);
        }
    }

    @Test
    void stalledStreamIsDetectedAndReconnected() throws Exception {
        Path video = dir.resolve("stall.ts");
        DemoVideo.write(video, 320, 240, 10, Duration.ofSeconds(3));
        try (StallingHttpServer server = new StallingHttpServer(Files.readAllBytes(video));
             RecordCollector<CameraStatus> statuses = kafka.statuses()) {
            kafka.startIngest(List.of(Camera.of("hung-cam", server.url()).withFps(5)
                    .withStallTimeout(Duration.ofMillis(1500))));

            await().atMost(Duration.ofSeconds(30)).until(() -> server.connections() >= 2);
            List<CameraStatus> reported = statuses.poll(s -> s.getCameraId().equals("hung-cam"));
            assertThat(reported.stream().filter(s -> s.getState() == CameraState.DOWN).map(CameraStatus::getReason))
                    .anySatisfy(reason -> assertThat(reason).contains("stalled"));
            await().atMost(Duration.ofSeconds(10)).until(() -> streamingAgainAfterDown(statuses, "hung-cam"));
        }
    }

    @Test
    void rtspCameraThatHangsIsReportedStalledAndStreamsAgainWhenItResumes() throws Exception {
        Duration stall = Duration.ofSeconds(1);
        // The stall timeout and the test settings' longest backoff (1 s), with 3 s to spare for the next key frame.
        Duration recovery = stall.plus(Duration.ofSeconds(1)).plus(Duration.ofSeconds(3));
        // H.264, whose decoder holds frames back: JavaCV hands them out when a read fails, and carries on after.
        try (RtspTestServer server = new RtspTestServer(dir, FreePort.find(), "--h264");
             RecordCollector<Frame> frames = kafka.frames();
             RecordCollector<CameraStatus> statuses = kafka.statuses()) {
            server.start();
            kafka.startIngest(List.of(Camera.of("hung-rtsp", server.url()).withFps(5).withStallTimeout(stall)));
            await().atMost(Duration.ofSeconds(30)).until(() -> framesOf(frames, "hung-rtsp") >= 5);

            // Hangs of 3, 6 and 12 stall timeouts: for the 10 s default, 30 s hangs were lost for good.
            for (int times : List.of(3, 6, 12)) {
                long pausedAt = System.nanoTime();
                server.pause();
                await("DOWN, stalled, after a hang of " + times + " s").atMost(stall.plusSeconds(2))
                        .until(() -> latestStatus(statuses, "hung-rtsp").getState() == CameraState.DOWN);
                List<CameraStatus> reported = statuses.poll(s -> s.getCameraId().equals("hung-rtsp"));
                int downAt = reported.size() - 1;
                while (reported.get(downAt).getState() != CameraState.DOWN) {
                    downAt--;
                }
                assertThat(reported.get(downAt).getReason()).isEqualTo("stalled: no frame for 1 s");
                long pausedMillis = (System.nanoTime() - pausedAt) / 1_000_000;
                Thread.sleep(Math.max(0, stall.multipliedBy(times).toMillis() - pausedMillis));
                List<CameraStatus> whilePaused = statuses.poll(s -> s.getCameraId().equals("hung-rtsp"));
                assertThat(whilePaused.subList(downAt, whilePaused.size())).extracting(CameraStatus::getState)
                        .as("states while the camera hangs").doesNotContain(CameraState.STREAMING);
                int beforeResume = framesOf(frames, "hung-rtsp");

                long resumedAt = System.nanoTime();
                server.resume();
                await("frames after a hang of " + times + " s").atMost(recovery)
                        .until(() -> framesOf(frames, "hung-rtsp") >= beforeResume + 3);
                await().atMost(Duration.ofSeconds(3))
                        .until(() -> latestStatus(statuses, "hung-rtsp").getState() == CameraState.STREAMING);
                System.out.printf("hang of %d stall timeouts: frames again %d ms after the server resumed%n", times,
                        (System.nanoTime() - resumedAt) / 1_000_000);
            }
            assertGapless(frames.poll(f -> f.getCameraId().equals("hung-rtsp")));
        }
    }

    static int framesOf(RecordCollector<Frame> frames, String cameraId) {
        return frames.poll(f -> f.getCameraId().equals(cameraId)).size();
    }

    static CameraStatus latestStatus(RecordCollector<CameraStatus> statuses, String cameraId) {
        List<CameraStatus> reported = statuses.poll(s -> s.getCameraId().equals(cameraId));
        return reported.isEmpty() ? CameraStatus.newBuilder().setCameraId(cameraId).setState(CameraState.CONNECTING)
                .setTime(java.time.Instant.EPOCH).build() : reported.get(reported.size() - 1);
    }

    static boolean streamingAgainAfterDown(RecordCollector<CameraStatus> statuses, String cameraId) {
        List<CameraState> states = statesOf(statuses, cameraId);
        int down = states.indexOf(CameraState.DOWN);
        return down >= 0 && states.subList(down, states.size()).contains(CameraState.STREAMING);
    }

    static List<CameraState> statesOf(RecordCollector<CameraStatus> statuses, String cameraId) {
        return statuses.poll(s -> s.getCameraId().equals(cameraId)).stream().map(CameraStatus::getState).toList();
    }
}
