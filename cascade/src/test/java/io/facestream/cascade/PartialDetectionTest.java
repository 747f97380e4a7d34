package io.facestream.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.samples.SamplePhoto;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cascade on parts of an image (regions, candidate boxes) finds what the whole cascade finds there. */
class PartialDetectionTest {
    private static FaceDetector detector;
    private static RgbImage photo;
    private static List<Face> whole;

    @BeforeAll
    static void detectWholePhoto() throws IOException {
        detector = FaceDetector.create(DetectorOptions.defaults());
        photo = RgbImage.read(SamplePhoto.SAMPLE1.path());
        whole = detector.detect(photo);
        assertThat(whole).hasSize(3);
    }

    @AfterAll
    static void closeDetector() {
        detector.close();
    }

    @Test
    void theWholeImageAsOneRegionGivesTheSameFacesAsDetect() {
        List<Face> faces = detector.detectIn(photo, List.of(new Box(0, 0, photo.width(), photo.height())));
        assertThat(faces).isEqualTo(whole);
    }

    @Test
    void aRegionAroundOneFaceFindsThatFaceOnly() {
        Face face = whole.get(1);
        List<Face> faces = detector.detectIn(photo, List.of(grown(face.box(), 0.5f)));
        assertThat(faces).hasSize(1);
        assertSameFace(faces.get(0), face);
    }

    @Test
    void candidatesNearEachFaceAreRefinedToTheFacesOfTheWholeCascade() {
        List<Box> candidates = whole.stream().map(f -> shifted(f.box(), 0.1f)).toList();
        List<Face> faces = detector.refine(photo, candidates);
        assertThat(faces).hasSize(whole.size());
        for (Face face : whole) {
            Face refined = faces.stream().max((a, b) -> Float.compare(a.box().iou(face.box()), b.box().iou(face.box())))
                    .orElseThrow();
            assertSameFace(refined, face);
        }
    }

    @Test
    void aCandidateWithoutAFaceGivesNothing() throws IOException {
        RgbImage coffee = RgbImage.read(SamplePhoto.COFFEE.path());
        assertThat(detector.refine(coffee, List.of(new Box(200, 100, 320, 220)))).isEmpty();
        assertThat(detector.detect(coffee, List.of(new Box(0, 0, 300, 200)), List.of(new Box(300, 200, 400, 300))))
                .isEmpty();
    }

    @Test
    void regionsOutsideTheImageOrTooSmallForThePyramidFindNothing() {
        assertThat(detector.detectIn(photo, List.of(new Box(-500, -500, -10, -10), new Box(10, 10, 15, 15))))
                .isEmpty();
    }

    @Test
    void aViewForLargerFacesSkipsTheSmallerOnesAndClosingItLeavesTheDetectorWorking() {
        float smallest = (float) whole.stream().mapToDouble(f -> Math.min(f.box().width(), f.box().height())).min()
                .orElseThrow();
        float largest = (float) whole.stream().mapToDouble(f -> Math.max(f.box().width(), f.box().height())).max()
                .orElseThrow();
        assertThat(detector.withMinFaceSize(detector.options().minFaceSize())).isSameAs(detector);

        try (FaceDetector small = detector.withMinFaceSize(Math.round(smallest * 0.8f));
             FaceDetector huge = detector.withMinFaceSize(Math.round(largest * 2))) {
            assertThat(small.options().minFaceSize()).isGreaterThan(detector.options().minFaceSize());
            assertThat(small.detect(photo)).hasSameSizeAs(whole);
            assertThat(huge.detect(photo)).isEmpty();
        }
        assertThat(detector.detect(photo)).isEqualTo(whole);
    }

    private static void assertSameFace(Face actual, Face expected) {
        assertThat(actual.box().iou(expected.box())).as("IoU with %s", expected.box()).isGreaterThan(0.85f);
        double distance = 0;
        for (int k = 0; k < LandmarkSet.FIVE_POINT.size(); k++) {
            Point a = actual.landmarks().get(k);
            Point e = expected.landmarks().get(k);
            distance += Math.hypot(a.x() - e.x(), a.y() - e.y());
        }
        assertThat(distance / LandmarkSet.FIVE_POINT.size() / expected.box().width()).as("mean landmark distance / box side")
                .isLessThan(0.03);
    }

    private static Box grown(Box box, float by) {
        float dx = box.width() * by;
        float dy = box.height() * by;
        return new Box(box.x1() - dx, box.y1() - dy, box.x2() + dx, box.y2() + dy);
    }

    private static Box shifted(Box box, float by) {
        float dx = box.width() * by;
        return new Box(box.x1() + dx, box.y1() - dx / 2, box.x2() + dx, box.y2() - dx / 2);
    }
}
