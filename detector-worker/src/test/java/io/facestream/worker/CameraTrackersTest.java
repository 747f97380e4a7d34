package io.facestream.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.RgbImage;
import io.facestream.cascade.StageTimes;
import io.facestream.samples.SamplePhoto;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.Frame;
import io.facestream.tracking.Scan;
import io.facestream.tracking.TrackedFrame;
import io.facestream.tracking.TrackerOptions;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-camera trackers: cameras side by side, each in order, and dropped with their partition. */
class CameraTrackersTest {
    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");
    private static FaceDetector detector;
    private static RgbImage astronaut;

    @BeforeAll
    static void loadDetector() throws IOException {
        detector = FaceDetector.create(DetectorWorkerTest.config("t").detector());
        astronaut = RgbImage.read(SamplePhoto.ASTRONAUT.path());
    }

    @AfterAll
    static void closeDetector() {
        detector.close();
    }

    /** Frame {@code sequence} of {@code camera}, read from {@code partition}, 200 ms after the one before. */
    private static FrameOutcome.Decoded frame(String camera, int partition, long sequence) {
        Frame frame = TestFrames.frame(camera, sequence, SamplePhoto.ASTRONAUT, START.plusMillis(200 * sequence));
        return new FrameOutcome.Decoded(new ConsumerRecord<>(Topics.FRAMES, partition, sequence, camera, new byte[0]),
                frame, astronaut);
    }

    @Test
    void eachCameraIsFollowedInOrderAndStartsAfreshOnceItsPartitionIsDropped() {
        try (CameraTrackers trackers = new CameraTrackers(detector, TrackerOptions.defaults(), "t")) {
            List<TrackedFrame> first = trackers.examine(List.of(frame("door", 0, 0), frame("hall", 1, 0),
                    frame("door", 0, 1), frame("hall", 1, 1)), new StageTimes());
            assertThat(first).extracting(TrackedFrame::scan)
                    .containsExactly(Scan.FULL, Scan.FULL, Scan.TRACKED, Scan.TRACKED);
            assertThat(first).allSatisfy(found -> assertThat(found.faces()).singleElement()
                    .satisfies(face -> assertThat(face.track()).isEqualTo(START.toEpochMilli() + "-0")));

            trackers.drop(List.of(new TopicPartition(Topics.FRAMES, 0)));
            assertThat(trackers.size()).isEqualTo(1);
            List<TrackedFrame> next = trackers.examine(List.of(frame("door", 0, 2), frame("hall", 1, 2)),
                    new StageTimes());
            assertThat(next).extracting(TrackedFrame::scan).containsExactly(Scan.FULL, Scan.TRACKED);
            assertThat(next.get(0).faces().get(0).track()).isEqualTo(START.plusMillis(400).toEpochMilli() + "-0");
            assertThat(next.get(1).faces().get(0).track()).isEqualTo(START.toEpochMilli() + "-0");
        }
    }

    @Test
    void withoutTrackingEveryFrameIsScannedWholeAndHasNoTrack() {
        try (CameraTrackers trackers = new CameraTrackers(detector, TrackerOptions.perFrame(), "t")) {
            List<TrackedFrame> found = trackers.examine(List.of(frame("door", 0, 0), frame("door", 0, 1)),
                    new StageTimes());
            assertThat(found).extracting(TrackedFrame::scan).containsExactly(Scan.FULL, Scan.FULL);
            assertThat(found).allSatisfy(frame -> assertThat(frame.faces()).singleElement()
                    .satisfies(face -> assertThat(face.track()).isNull()));
            assertThat(trackers.size()).isZero();
        }
    }
}
