package io.facestream.blazeface;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.cascade.Box;
import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.Face;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.LandmarkSet;
import io.facestream.samples.Golden;
import io.facestream.samples.SamplePhoto;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code blazeface+onet} held to the cascade's own golden figures: every face the reference MTCNN scores at least
 * 0.95 found with IoU at least 0.85 and a mean landmark error of at most 3% of the box side, no confident face the
 * reference lacks.
 */
class BlazeFaceWithOnetGoldenTest {
    private static final float CONFIDENT = 0.95f;
    private static final float MIN_IOU = 0.85f;
    private static final float MAX_LANDMARK_ERROR = 0.03f;

    private static FaceDetector hybrid;

    @BeforeAll
    static void load() {
        hybrid = DetectorModel.BLAZEFACE_ONET.createFaceDetector(DetectorOptions.builder().threads(2).build());
    }

    @AfterAll
    static void close() {
        hybrid.close();
    }

    @Test
    void namesItselfInEventsAndReports() {
        assertThat(hybrid.model()).isEqualTo("blazeface+onet");
    }

    @ParameterizedTest
    @EnumSource(names = {"SAMPLE1", "SAMPLE2", "SAMPLE3", "MULTIFACE"})
    void everyConfidentReferenceFaceIsFoundWithMtcnnsBoxAndLandmarks(SamplePhoto photo) {
        List<Face> faces = hybrid.detect(BlazeFaceOnRealPhotosTest.read(photo));

        for (Golden.Face expected : photo.golden().orElseThrow().facesScoringAtLeast(CONFIDENT)) {
            Box box = BlazeFaceOnRealPhotosTest.box(expected);
            Face found = faces.stream().max((a, b) -> Float.compare(a.box().iou(box), b.box().iou(box)))
                    .orElseThrow(() -> new AssertionError(photo + ": no face found, expected one at " + box));
            assertThat(found.box().iou(box)).as("%s: IoU with the reference face at %s", photo, box)
                    .isGreaterThanOrEqualTo(MIN_IOU);
            assertThat(meanLandmarkError(found, expected)).as("%s: landmark error at %s", photo, box)
                    .isLessThanOrEqualTo(MAX_LANDMARK_ERROR);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"SAMPLE1", "SAMPLE2", "SAMPLE3", "MULTIFACE", "COFFEE"})
    void noConfidentFaceWhereTheReferenceHasNone(SamplePhoto photo) {
        Golden golden = photo.golden().orElseThrow();
        for (Face face : hybrid.detect(BlazeFaceOnRealPhotosTest.read(photo))) {
            if (face.score() >= CONFIDENT) {
                assertThat(golden.faces()).as("%s: face %s (score %s) is in the reference", photo, face.box(),
                        face.score()).anySatisfy(g -> assertThat(BlazeFaceOnRealPhotosTest.box(g).iou(face.box()))
                                .isGreaterThanOrEqualTo(0.5f));
            }
        }
    }

    @Test
    void coffeeCupHasNoFace() {
        assertThat(hybrid.detect(BlazeFaceOnRealPhotosTest.read(SamplePhoto.COFFEE))).isEmpty();
    }

    private static double meanLandmarkError(Face face, Golden.Face expected) {
        double sum = 0;
        for (int k = 0; k < LandmarkSet.FIVE_POINT.size(); k++) {
            sum += Math.hypot(face.landmarks().get(k).x() - expected.landmarks()[k][0],
                    face.landmarks().get(k).y() - expected.landmarks()[k][1]);
        }
        return sum / LandmarkSet.FIVE_POINT.size() / (expected.box()[2] - expected.box()[0]);
    }
}
