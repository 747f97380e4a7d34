package io.facestream.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.cascade.Box;
import io.facestream.cascade.RgbImage;
import io.facestream.samples.DoorClip;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The motion detector on door clips as a worker receives them: noisy sensor, JPEG-encoded frames. */
class MotionDetectorTest {
    private final MotionDetector detector = new MotionDetector(TrackerOptions.defaults().motionThreshold());

    @Test
    void sensorNoiseAndJpegArtefactsOfAStillSceneAreNoMotion() {
        assertThat(detector.update(ClipFrames.at(DoorClip.DOOR, 0).image()).rescan()).as("first frame").isTrue();
        for (double t = 0.2; t < 1.5; t += 0.2) {
            Motion motion = detector.update(ClipFrames.at(DoorClip.DOOR, t).image());
            assertThat(motion.rescan()).as("rescan at %.1f s", t).isFalse();
            assertThat(motion.regions()).as("motion at %.1f s", t).isEmpty();
        }
    }

    @Test
    void aPersonWalkingInIsMotionWhereTheFaceIsAndNowhereElse() {
        Motion motion = null;
        for (double t = 0; t <= 2.21; t += 0.2) {
            motion = detector.update(ClipFrames.at(DoorClip.DOOR, t).image());
        }
        ClipFrames.Frame entering = ClipFrames.at(DoorClip.DOOR, 2.2);
        Box face = box(entering.truth().get(0).box());
        assertThat(motion.rescan()).isFalse();
        assertThat(motion.regions()).anySatisfy(region -> assertThat(region.intersectionArea(face))
                .isGreaterThan(0.5f * face.area()));
        assertThat(motion.regions()).allSatisfy(region -> assertThat(region.x1()).isLessThan(ClipFrames.WIDTH / 2f));
    }

    @Test
    void motionInsideGivenZonesIsLeftOut() {
        Motion motion = null;
        for (double t = 0; t <= 2.21; t += 0.2) {
            motion = detector.update(ClipFrames.at(DoorClip.DOOR, t).image());
        }
        assertThat(motion.regions()).isNotEmpty();
        assertThat(motion.regionsOutside(List.of(new Box(0, 0, ClipFrames.WIDTH / 2f, ClipFrames.HEIGHT)))).isEmpty();
    }

    @Test
    void lightsSwitchedAreOneRescanNotMotionEverywhereAfterwards() {
        List<ClipFrames.Frame> frames = ClipFrames.of(DoorClip.LIGHTS);
        for (ClipFrames.Frame frame : frames) {
            Motion motion = detector.update(frame.image());
            // The lights go down between 2.5 and 2.6 s.
            if (frame.timeMs() == 2600) {
                assertThat(motion.rescan()).as("at the switch").isTrue();
            } else if (frame.timeMs() > 0 && frame.timeMs() < 4400) {
                assertThat(motion.rescan()).as("rescan at %d ms", frame.timeMs()).isFalse();
                assertThat(ScanRegions.area(motion.regions())).as("moving area at %d ms", frame.timeMs())
                        .isLessThan(0.2f * ClipFrames.WIDTH * ClipFrames.HEIGHT);
            }
        }
    }

    @Test
    void peopleCloseToTheCameraWalkingOutAreMotionNotARescan() {
        for (ClipFrames.Frame frame : ClipFrames.of(DoorClip.DOOR)) {
            Motion motion = detector.update(frame.image());
            if (frame.timeMs() > 0) {
                assertThat(motion.rescan()).as("rescan at %d ms", frame.timeMs()).isFalse();
            }
        }
    }

    @Test
    void aSceneCutIsARescan() {
        detector.update(ClipFrames.at(DoorClip.DOOR, 0).image());
        detector.update(ClipFrames.at(DoorClip.DOOR, 0.2).image());
        // Another camera angle: the same hallway seen mirrored.
        assertThat(detector.update(mirrored(ClipFrames.at(DoorClip.DOOR, 0.4).image())).rescan()).isTrue();
        assertThat(detector.update(mirrored(ClipFrames.at(DoorClip.DOOR, 0.6).image())).regions()).isEmpty();
    }

    @Test
    void somethingThatAppearsAndStaysIsMotionUntilTheBackgroundHasAbsorbedIt() {
        int frames = detector.framesToAbsorb();
        assertThat(frames).as("frames to absorb a change at the default threshold").isBetween(5, 20);
        RgbImage empty = grey(320, 240, null);
        RgbImage withPatch = grey(320, 240, new Box(40, 40, 104, 104));
        detector.update(empty);
        detector.update(empty);
        for (int i = 0; i < frames; i++) {
            assertThat(detector.update(withPatch).regions()).as("motion %d frames after it appeared", i).isNotEmpty();
        }
        assertThat(detector.update(withPatch).regions()).as("motion once absorbed").isEmpty();
    }

    /** A black frame, white inside {@code patch}. */
    private static RgbImage grey(int width, int height, Box patch) {
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean inside = patch != null && x >= patch.x1() && x < patch.x2() && y >= patch.y1() && y < patch.y2();
                java.util.Arrays.fill(pixels, (y * width + x) * 3, (y * width + x) * 3 + 3, (byte) (inside ? 255 : 0));
            }
        }
        return new RgbImage(width, height, pixels);
    }

    private static RgbImage mirrored(RgbImage image) {
        byte[] pixels = new byte[image.pixels().length];
        int w = image.width();
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(image.pixels(), (y * w + x) * 3, pixels, (y * w + w - 1 - x) * 3, 3);
            }
        }
        return new RgbImage(w, image.height(), pixels);
    }

    static Box box(Rectangle2D r) {
        return new Box((float) r.getMinX(), (float) r.getMinY(), (float) r.getMaxX(), (float) r.getMaxY());
    }
}
