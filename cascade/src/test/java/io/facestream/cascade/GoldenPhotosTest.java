package io.facestream.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.facestream.samples.Golden;
import io.facestream.samples.SamplePhoto;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The detector against a reference MTCNN's output on real photos: every confident reference face is
 * found in nearly the same place with nearly the same landmarks, and no confident face is invented.
 *
 * <p>{@code -Dfacestream.provider=cuda} (or {@code cpu}) runs it on that provider, and then also checks that the
 * detector really runs there rather than falling back: {@code scripts/gpu-check} runs it so on a GPU.
 */
class GoldenPhotosTest {
    /** The provider asked for with -Dfacestream.provider; AUTO when not given. */
    private static final ExecutionProvider PROVIDER =
            ExecutionProvider.valueOf(System.getProperty("facestream.provider", "auto").toUpperCase(Locale.ROOT));

    /** Reference faces above this are clear faces any faithful implementation finds. */
    private static final float CONFIDENT = 0.95f;
    private static final float MIN_IOU = 0.85f;
    private static final float MAX_LANDMARK_ERROR = 0.03f;

    private static FaceDetector detector;

    @BeforeAll
    static void createDetector() {
        detector = FaceDetector.create(DetectorOptions.builder().provider(PROVIDER).build());
    }

    @AfterAll
    static void closeDetector() {
        detector.close();
    }

    @Test
    void runsOnTheProviderAskedFor() {
        assumeTrue(PROVIDER != ExecutionProvider.AUTO, "no provider asked for with -Dfacestream.provider");
        assertThat(detector.provider())
                .as("the provider the detector runs on (CUDA falls back to the CPU where it cannot start)")
                .isEqualTo(PROVIDER.name().toLowerCase(Locale.ROOT));
    }

    static List<Face> detect(SamplePhoto photo) throws IOException {
        return detector.detect(RgbImage.read(photo.path()));
    }

    @ParameterizedTest
    @EnumSource(names = {"SAMPLE1", "SAMPLE2", "SAMPLE3", "MULTIFACE"})
    void everyConfidentReferenceFaceIsFoundWithItsLandmarks(SamplePhoto photo) throws IOException {
        Golden golden = photo.golden().orElseThrow();
        List<Face> faces = detect(photo);
        for (Golden.Face expected : golden.facesScoringAtLeast(CONFIDENT)) {
            Box box = box(expected);
            Face found = faces.stream().max((a, b) -> Float.compare(a.box().iou(box), b.box().iou(box)))
                    .orElseThrow(() -> new AssertionError(photo + ": no face found, expected one at " + box));
            assertThat(found.box().iou(box)).as("%s: IoU with reference face at %s", photo, box)
                    .isGreaterThanOrEqualTo(MIN_IOU);
            assertThat(meanLandmarkError(found, expected)).as("%s: mean landmark error / box side at %s", photo, box)
                    .isLessThanOrEqualTo(MAX_LANDMARK_ERROR);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"SAMPLE1", "SAMPLE2", "SAMPLE3", "MULTIFACE", "COFFEE"})
    void noConfidentFaceWhereTheReferenceHasNone(SamplePhoto photo) throws IOException {
        Golden golden = photo.golden().orElseThrow();
        for (Face face : detect(photo)) {
            if (face.score() >= CONFIDENT) {
                boolean known = golden.faces().stream().anyMatch(g -> box(g).iou(face.box()) >= 0.5f);
                assertThat(known).as("%s: face %s (score %s) is not in the reference", photo, face.box(), face.score())
                        .isTrue();
            }
        }
    }

    @Test
    void coffeeCupHasNoFace() throws IOException {
        assertThat(detect(SamplePhoto.COFFEE)).isEmpty();
    }

    @Test
    void astronautPortraitHasOneFaceWithEyesAboveNoseAboveMouth() throws IOException {
        List<Face> faces = detect(SamplePhoto.ASTRONAUT);
        assertThat(faces).hasSize(1);
        Face face = faces.get(0);
        assertThat(face.score()).isGreaterThan(CONFIDENT);
        List<Point> p = face.landmarks();
        assertThat(p.get(0).x()).as("left eye left of right eye").isLessThan(p.get(1).x());
        assertThat(p.get(3).x()).as("mouth left left of mouth right").isLessThan(p.get(4).x());
        assertThat(Math.max(p.get(0).y(), p.get(1).y())).as("eyes above nose").isLessThan(p.get(2).y());
        assertThat(p.get(2).y()).as("nose above mouth").isLessThan(Math.min(p.get(3).y(), p.get(4).y()));
        for (Point point : p) {
            assertThat(point.x()).isBetween(face.box().x1(), face.box().x2());
            assertThat(point.y()).isBetween(face.box().y1(), face.box().y2());
        }
    }

    @Test
    void batchGivesTheSameFacesAsSingleCalls() throws IOException {
        // Five: on 2 or 4 threads, some frames are detected side by side and the last one alone.
        List<SamplePhoto> photos = List.of(SamplePhoto.SAMPLE1, SamplePhoto.MULTIFACE, SamplePhoto.COFFEE,
                SamplePhoto.SAMPLE1, SamplePhoto.ASTRONAUT);
        List<RgbImage> images = photos.stream().map(GoldenPhotosTest::read).toList();
        List<List<Face>> batch = detector.detectBatch(images);
        for (int i = 0; i < images.size(); i++) {
            assertSameFaces(batch.get(i), detector.detect(images.get(i)));
        }
    }

    static void assertSameFaces(List<Face> actual, List<Face> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int k = 0; k < expected.size(); k++) {
            assertThat(actual.get(k).box().iou(expected.get(k).box())).isGreaterThan(0.999f);
            assertThat(actual.get(k).score()).isCloseTo(expected.get(k).score(),
                    org.assertj.core.api.Assertions.within(1e-4f));
        }
    }

    static RgbImage read(SamplePhoto photo) {
        try {
            return RgbImage.read(photo.path());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Box box(Golden.Face face) {
        float[] b = face.box();
        return new Box(b[0], b[1], b[2], b[3]);
    }

    /** Mean distance between corresponding landmarks, as a fraction of the reference box's mean side. */
    private static double meanLandmarkError(Face found, Golden.Face expected) {
        Box box = box(expected);
        double side = (box.width() + box.height()) / 2.0;
        double sum = 0;
        for (int k = 0; k < LandmarkSet.FIVE_POINT.size(); k++) {
            Point p = found.landmarks().get(k);
            sum += Math.hypot(p.x() - expected.landmarks()[k][0], p.y() - expected.landmarks()[k][1]);
        }
        return sum / LandmarkSet.FIVE_POINT.size() / side;
    }
}
