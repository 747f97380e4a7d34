package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facestream.schemas.avro.CameraState;
import io.facestream.schemas.avro.CameraStatus;
import io.facestream.schemas.avro.Frame;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIngestTest {
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
    void videoFileIsSampledToTargetFpsWithGaplessSequencesAndScaledJpegs() throws Exception {
        Path video = dir.resolve("people.mp4");
        DemoVideo.write(video, 320, 240, 25, Duration.ofSeconds(4));
        Camera camera = Camera.of("file-cam", video.toString()).withFps(5).withMaxSize(160, null);

        try (RecordCollector<Frame> frames = kafka.frames(); RecordCollector<CameraStatus> statuses = kafka.statuses()) {
            kafka.startIngest(List.of(camera));
            await().atMost(Duration.ofSeconds(30)).until(() -> statuses.poll(s -> s.getCameraId().equals("file-cam")
                    && s.getState() == CameraState.STOPPED).size() == 1);
            // The last frames may still be on their way when the grabber reports the end.
            await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofMillis(500)).until(() -> true);
            List<Frame> sent = frames.poll(f -> f.getCameraId().equals("file-cam"));

            // 4 s at 5 fps, give or take a frame at either end.
            assertThat(sent.size()).isBetween(19, 21);
            assertGapless(sent);
            assertThat(sent.stream().map(Frame::getCaptureTime).toList()).isSorted();
            for (Frame frame : sent) {
                BufferedImage image = decode(frame.getData());
                assertThat(image.getWidth()).isEqualTo(160).isEqualTo(frame.getWidth());
                assertThat(image.getHeight()).isEqualTo(120).isEqualTo(frame.getHeight());
            }
            assertThat(statuses.poll(s -> s.getCameraId().equals("file-cam")).stream().map(CameraStatus::getState))
                    .contains(CameraState.CONNECTING, CameraState.STREAMING, CameraState.STOPPED);
        }
    }

    @Test
    void loopedFileStartsAgainAtItsEnd() throws Exception {
        Path video = dir.resolve("short.mp4");
        DemoVideo.write(video, 160, 120, 10, Duration.ofSeconds(1));
        Camera camera = Camera.of("loop-cam", video.toString()).withFps(10).withLoop(true);

        try (RecordCollector<Frame> frames = kafka.frames()) {
            kafka.startIngest(List.of(camera));
            // Three passes through a one-second file.
            await().atMost(Duration.ofSeconds(30)).until(() -> frames.poll(f -> f.getCameraId().equals("loop-cam")).size() >= 25);
            List<Frame> sent = frames.poll(f -> f.getCameraId().equals("loop-cam"));
            assertGapless(sent);
        }
    }

    @Test
    void aSecondRunOfACameraNumbersItsFramesAboveTheFirstRun() throws Exception {
        Path video = dir.resolve("short.mp4");
        DemoVideo.write(video, 160, 120, 10, Duration.ofSeconds(1));
        Camera camera = Camera.of("rerun-cam", video.toString()).withFps(10);

        try (RecordCollector<Frame> frames = kafka.frames()) {
            for (int run = 1; run <= 2; run++) {
                int before = frames.poll(f -> f.getCameraId().equals("rerun-cam")).size();
                IngestService ingest = kafka.startIngest(List.of(camera));
                // A one-second file at 10 frames/s: about ten frames a run.
                await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofMillis(500)).until(() ->
                        frames.poll(f -> f.getCameraId().equals("rerun-cam")).size() >= before + 8);
                ingest.close();
            }
            List<Long> sequences = sequences(frames.poll(f -> f.getCameraId().equals("rerun-cam")));
            assertThat(sequences).doesNotHaveDuplicates().isSorted().hasSizeGreaterThan(10);
        }
    }

    /** Consecutive numbers from the run's first, which is its start time in epoch milliseconds. */
    static void assertGapless(List<Frame> sent) {
        long first = sent.get(0).getSequence();
        assertThat(sequences(sent)).isEqualTo(LongStream.range(first, first + sent.size()).boxed().toList());
        assertThat(first).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(120_000L));
    }

    /** Sequence numbers alone: a Frame's toString() would print its JPEG bytes. */
    static List<Long> sequences(List<Frame> frames) {
        return frames.stream().map(Frame::getSequence).toList();
    }

    static BufferedImage decode(ByteBuffer jpeg) throws Exception {
        byte[] bytes = new byte[jpeg.remaining()];
        jpeg.duplicate().get(bytes);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(image).as("a decodable JPEG").isNotNull();
        return image;
    }
}
