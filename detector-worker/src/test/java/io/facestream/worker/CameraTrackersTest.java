package io.facestream.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.cascade.Box;
import io.facestream.blazeface.DetectorModel;
import io.facestream.cascade.RgbImage;
import io.facestream.cascade.StageTimes;
import io.facestream.samples.SamplePhoto;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.DetectionSettings;
import io.facestream.schemas.avro.Frame;
import io.facestream.schemas.avro.ZonePoint;
import io.facestream.tracking.Scan;
import io.facestream.tracking.TrackedFrame;
import io.facestream.tracking.TrackerOptions;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-camera trackers: cameras side by side, each in order, and dropped with their partition. */
class CameraTrackersTest {
    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");
    private static Detectors detectors;
    private static RgbImage astronaut;

    @BeforeAll
    static void loadDetector() throws IOException {
        detectors = Detectors.load(DetectorModel.MTCNN, DetectorWorkerTest.config("t").detector());
        astronaut = RgbImage.read(SamplePhoto.ASTRONAUT.path());
    }

    @AfterAll
    static void closeDetector() {
        detectors.close();
    }

    /** Frame {@code sequence} of {@code camera}, read from {@code partition}, 200 ms after the one before. */
    private static FrameOutcome.Decoded frame(String camera, int partition, long sequence) {
        Frame frame = TestFrames.frame(camera, sequence, SamplePhoto.ASTRONAUT, START.plusMillis(200 * sequence));
        return new FrameOutcome.Decoded(new ConsumerRecord<>(Topics.FRAMES, partition, sequence, camera, new byte[0]),
                frame, astronaut);
    }

    @Test
    void eachCameraIsFollowedInOrderAndStartsAfreshOnceItsPartitionIsDropped() {
        try (CameraTrackers trackers = new CameraTrackers(detectors, TrackerOptions.defaults(), camera -> null, "t")) {
            List<TrackedFrame> first = found(trackers.examine(List.of(frame("door", 0, 0), frame("hall", 1, 0),
                    frame("door", 0, 1), frame("hall", 1, 1)), new StageTimes()));
            assertThat(first).extracting(TrackedFrame::scan)
                    .containsExactly(Scan.FULL, Scan.FULL, Scan.TRACKED, Scan.TRACKED);
            assertThat(first).allSatisfy(found -> assertThat(found.faces()).singleElement()
                    .satisfies(face -> assertThat(face.track()).isEqualTo(START.toEpochMilli() + "-0")));

            trackers.drop(List.of(new TopicPartition(Topics.FRAMES, 0)));
            assertThat(trackers.size()).isEqualTo(1);
            List<TrackedFrame> next = found(trackers.examine(List.of(frame("door", 0, 2), frame("hall", 1, 2)),
                    new StageTimes()));
            assertThat(next).extracting(TrackedFrame::scan).containsExactly(Scan.FULL, Scan.TRACKED);
            assertThat(next.get(0).faces().get(0).track()).isEqualTo(START.plusMillis(400).toEpochMilli() + "-0");
            assertThat(next.get(1).faces().get(0).track()).isEqualTo(START.toEpochMilli() + "-0");
        }
    }

    @Test
    void aCameraIsExaminedByItsOwnSettingsFromItsNextFrameAndTheOthersByTheWorkers() {
        Map<String, DetectionSettings> settings = new HashMap<>();
        try (CameraTrackers trackers = new CameraTrackers(detectors, TrackerOptions.defaults(), settings::get, "t")) {
            List<TrackedFrame> before = found(trackers.examine(List.of(frame("door", 0, 0), frame("hall", 1, 0)),
                    new StageTimes()));
            Box face = before.get(0).faces().get(0).face().box();

            settings.put("door", settings().setMinFaceSize(astronaut.width()).build());
            List<TrackedFrame> larger = found(trackers.examine(List.of(frame("door", 0, 1), frame("hall", 1, 1)),
                    new StageTimes()));
            assertThat(larger.get(0).scan()).as("a new tracker for the new settings").isEqualTo(Scan.FULL);
            assertThat(larger.get(0).faces()).as("faces as large as the picture only").isEmpty();
            assertThat(larger.get(1).scan()).isEqualTo(Scan.TRACKED);
            assertThat(larger.get(1).faces()).singleElement();

            float centre = (face.x1() + face.x2()) / 2 / astronaut.width();
            float from = centre < 0.5f ? 0.6f : 0f;
            settings.put("door", settings().setTracking(false).setRegion(List.of(
                    new ZonePoint(from, 0f), new ZonePoint(from + 0.4f, 0f), new ZonePoint(from + 0.4f, 1f))).build());
            settings.put("hall", settings().setTracking(false).build());
            List<TrackedFrame> elsewhere = found(trackers.examine(List.of(frame("door", 0, 2), frame("hall", 1, 2)),
                    new StageTimes()));
            assertThat(elsewhere.get(0).scan()).isEqualTo(Scan.FULL);
            assertThat(elsewhere.get(0).faces()).as("the face is outside the door's region").isEmpty();
            assertThat(elsewhere.get(1).scan()).isEqualTo(Scan.FULL);
            assertThat(elsewhere.get(1).faces()).as("the hall without tracking: one batch, no track").singleElement()
                    .satisfies(found -> assertThat(found.track()).isNull());
            assertThat(trackers.size()).as("only the door keeps a tracker").isEqualTo(1);
        }
    }

    @Test
    void aCameraThatAsksForAnotherDetectorGetsItAndItsFramesNameIt() {
        Map<String, DetectionSettings> settings = new HashMap<>(Map.of(
                "door", settings().setTracking(false).setModel("blazeface+onet").build(),
                "yard", settings().setModel("retinaface").build()));
        try (CameraTrackers trackers = new CameraTrackers(detectors, TrackerOptions.defaults(), settings::get, "t")) {
            List<ExaminedFrame> examined = trackers.examine(List.of(frame("door", 0, 0), frame("hall", 1, 0),
                    frame("yard", 2, 0)), new StageTimes());

            assertThat(examined).extracting(ExaminedFrame::model)
                    .as("blazeface+onet for the door; the worker's mtcnn for the hall and for a model it does not run")
                    .containsExactly(DetectorModel.BLAZEFACE_ONET, DetectorModel.MTCNN, DetectorModel.MTCNN);
            Box hybrid = examined.get(0).found().faces().get(0).face().box();
            Box cascade = examined.get(1).found().faces().get(0).face().box();
            assertThat(examined).allSatisfy(frame -> assertThat(frame.found().faces()).singleElement());
            assertThat(hybrid.iou(cascade)).as("the same face, found by O-Net either way").isGreaterThan(0.85f);
            assertThat(hybrid).as("but from BlazeFace's proposal, not the cascade's").isNotEqualTo(cascade);
        }
    }

    private static List<TrackedFrame> found(List<ExaminedFrame> examined) {
        return examined.stream().map(ExaminedFrame::found).toList();
    }

    /** Detection settings on the whole picture (the builder's own default region needs Avro's class trust set up). */
    private static DetectionSettings.Builder settings() {
        return DetectionSettings.newBuilder().setRegion(List.of());
    }

    @Test
    void withoutTrackingEveryFrameIsScannedWholeAndHasNoTrack() {
        try (CameraTrackers trackers = new CameraTrackers(detectors, TrackerOptions.perFrame(), camera -> null, "t")) {
            List<TrackedFrame> found = found(trackers.examine(List.of(frame("door", 0, 0), frame("door", 0, 1)),
                    new StageTimes()));
            assertThat(found).extracting(TrackedFrame::scan).containsExactly(Scan.FULL, Scan.FULL);
            assertThat(found).allSatisfy(frame -> assertThat(frame.faces()).singleElement()
                    .satisfies(face -> assertThat(face.track()).isNull()));
            assertThat(trackers.size()).isZero();
        }
    }
}
