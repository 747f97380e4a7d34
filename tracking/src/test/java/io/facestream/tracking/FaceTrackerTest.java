package io.facestream.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.cascade.Box;
import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.Face;
import io.facestream.cascade.FaceDetector;
import io.facestream.samples.DoorClip;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The tracker on door clips (320x240, 5 frames/s, JPEG-encoded as ingest sends them) against per-frame detection. */
class FaceTrackerTest {
    private static final Map<DoorClip, List<TrackedFrame>> TRACKED = new EnumMap<>(DoorClip.class);
    private static FaceDetector detector;

    @BeforeAll
    static void createDetector() {
        detector = FaceDetector.create(DetectorOptions.defaults());
    }

    @AfterAll
    static void closeDetector() {
        detector.close();
    }

    static List<TrackedFrame> track(DoorClip clip, TrackerOptions options) {
        FaceTracker tracker = new FaceTracker(detector, options);
        return ClipFrames.of(clip).stream().map(frame -> tracker.next(frame.image(), frame.timeMs())).toList();
    }

    /** The clip with the default options, tracked once for all tests: the tracker is deterministic. */
    static synchronized List<TrackedFrame> track(DoorClip clip) {
        return TRACKED.computeIfAbsent(clip, c -> track(c, TrackerOptions.defaults()));
    }

    @ParameterizedTest
    @EnumSource(DoorClip.class)
    void agreesWithPerFrameDetection(DoorClip clip) {
        List<ClipFrames.Frame> frames = ClipFrames.of(clip);
        List<TrackedFrame> tracked = track(clip);
        Agreement agreement = new Agreement();
        for (int i = 0; i < frames.size(); i++) {
            agreement.add(detector.detect(frames.get(i).image()), faces(tracked.get(i)));
        }
        Agreement.Result result = agreement.result();
        assertThat(result.confident()).as("confident per-frame faces").isGreaterThan(frames.size() / 2);
        assertThat(result.recall()).as("recall of %s", result).isGreaterThanOrEqualTo(0.98);
        assertThat(result.extra()).as("extra confident faces in %s", result).isZero();
        assertThat(result.landmarkError()).as("landmark error in %s", result).isLessThanOrEqualTo(0.03);
    }

    @Test
    void aPersonKeepsOneTrackWhileInViewAndTheNextPersonGetsAnotherOne() {
        List<ClipFrames.Frame> frames = ClipFrames.of(DoorClip.DOOR);
        List<TrackedFrame> tracked = track(DoorClip.DOOR);
        Map<Integer, Set<String>> tracksOfPerson = new HashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            for (var truth : frames.get(i).truth()) {
                Box face = MotionDetectorTest.box(truth.box());
                boolean inView = face.x1() >= 0 && face.x2() <= ClipFrames.WIDTH;
                for (TrackedFace found : tracked.get(i).faces()) {
                    if (inView && found.face().box().iou(face) >= 0.5f) {
                        tracksOfPerson.computeIfAbsent(truth.person(), p -> new HashSet<>()).add(found.track());
                    }
                }
            }
        }
        assertThat(tracksOfPerson).containsOnlyKeys(0, 1);
        assertThat(tracksOfPerson.get(0)).as("tracks of the first person").hasSize(1);
        assertThat(tracksOfPerson.get(1)).as("tracks of the second person").hasSize(1)
                .doesNotContainAnyElementsOf(tracksOfPerson.get(0));
    }

    @ParameterizedTest
    @EnumSource(DoorClip.class)
    void aTrackThatEndedNeverComesBack(DoorClip clip) {
        Set<String> ended = new HashSet<>();
        Set<String> before = Set.of();
        for (TrackedFrame frame : track(clip)) {
            Set<String> now = new HashSet<>(frame.faces().stream().map(TrackedFace::track).toList());
            assertThat(now).as("tracks at %d ms", frame.timeMs()).noneMatch(ended::contains);
            before.stream().filter(id -> !now.contains(id)).forEach(ended::add);
            before = now;
        }
    }

    @Test
    void framesAreExaminedOnlyAsMuchAsNeeded() {
        List<TrackedFrame> door = track(DoorClip.DOOR);
        assertThat(door.get(0).scan()).isEqualTo(Scan.FULL);
        // Nobody in the first 1.4 s: no network runs.
        assertThat(door.subList(1, 8)).allSatisfy(frame -> assertThat(frame.scan()).isEqualTo(Scan.NONE));
        assertThat(door).anySatisfy(frame -> assertThat(frame.scan()).isEqualTo(Scan.TRACKED));
        long lastFull = 0;
        for (TrackedFrame frame : door) {
            if (frame.scan() == Scan.FULL) {
                lastFull = frame.timeMs();
            } else if (!frame.faces().isEmpty()) {
                assertThat(frame.timeMs() - lastFull).as("since the last full scan at %d ms", frame.timeMs())
                        .isLessThan(2000);
            }
        }
        // Someone moves from 1.6 s to the end: the first frame and every 2 s, nothing more (people walking
        // out, and the trails they leave in the background, are no reason for another).
        assertThat(door.stream().filter(frame -> frame.scan() == Scan.FULL).map(TrackedFrame::timeMs))
                .as("full scans").containsExactly(0L, 2000L, 4000L, 6000L, 8000L, 10_000L);
        List<TrackedFrame> lights = track(DoorClip.LIGHTS);
        assertThat(lights.get(13).timeMs()).isEqualTo(2600);
        assertThat(lights.get(13).scan()).as("when the lights went down").isEqualTo(Scan.FULL);
    }

    @Test
    void trackingOffRunsTheWholeCascadeOnEveryFrame() {
        List<ClipFrames.Frame> frames = ClipFrames.of(DoorClip.IN_VIEW);
        List<TrackedFrame> tracked = track(DoorClip.IN_VIEW, TrackerOptions.perFrame());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            assertThat(tracked.get(i).scan()).isEqualTo(Scan.FULL);
            assertThat(faces(tracked.get(i))).isEqualTo(detector.detect(frames.get(i).image()));
            tracked.get(i).faces().forEach(face -> ids.add(face.track()));
        }
        assertThat(new HashSet<>(ids)).as("two people in view throughout").containsExactlyInAnyOrder("0-0", "0-1");
    }

    @ParameterizedTest
    @EnumSource(value = DoorClip.class, names = {"IN_VIEW", "DOOR"})
    void aRegionReportsWhatPerFrameDetectionFindsInsideIt(DoorClip clip) {
        DetectionRegion left = new DetectionRegion(List.of(new DetectionRegion.Corner(0, 0),
                new DetectionRegion.Corner(0.5f, 0), new DetectionRegion.Corner(0.5f, 1), new DetectionRegion.Corner(0, 1)));
        List<ClipFrames.Frame> frames = ClipFrames.of(clip);
        List<TrackedFrame> tracked = track(clip, TrackerOptions.defaults().withRegion(left));
        Agreement agreement = new Agreement();
        for (int i = 0; i < frames.size(); i++) {
            List<Face> inside = detector.detect(frames.get(i).image()).stream()
                    .filter(face -> centreX(face) < ClipFrames.WIDTH / 2f).toList();
            assertThat(faces(tracked.get(i))).allSatisfy(face -> assertThat(centreX(face)).isLessThan(ClipFrames.WIDTH / 2f));
            agreement.add(inside, faces(tracked.get(i)));
        }
        Agreement.Result result = agreement.result();
        assertThat(result.confident()).as("confident faces in the left half").isGreaterThan(frames.size() / 4);
        assertThat(result.recall()).as("recall of %s", result).isGreaterThanOrEqualTo(0.98);
        assertThat(result.extra()).as("extra confident faces in %s", result).isZero();
        assertThat(result.landmarkError()).as("landmark error in %s", result).isLessThanOrEqualTo(0.03);
    }

    private static float centreX(Face face) {
        return (face.box().x1() + face.box().x2()) / 2;
    }

    private static List<Face> faces(TrackedFrame frame) {
        return frame.faces().stream().map(TrackedFace::face).toList();
    }
}
