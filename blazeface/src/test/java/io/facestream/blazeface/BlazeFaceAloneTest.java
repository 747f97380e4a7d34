package io.facestream.blazeface;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.cascade.Box;
import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.Face;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.LandmarkSet;
import io.facestream.cascade.RgbImage;
import io.facestream.samples.SamplePhoto;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code blazeface} as a face detector: BlazeFace's faces with their six keypoints, on whole frames and on the parts
 * of a frame that tracking asks about (the regions that moved, the boxes where a face is expected).
 */
class BlazeFaceAloneTest {
    private static FaceDetector blazeFace;
    private static RgbImage photo;
    private static List<Face> whole;

    @BeforeAll
    static void load() {
        blazeFace = DetectorModel.BLAZEFACE.createFaceDetector(DetectorOptions.builder().threads(2).build());
        photo = BlazeFaceOnRealPhotosTest.read(SamplePhoto.SAMPLE1);
        whole = blazeFace.detect(photo);
    }

    @AfterAll
    static void close() {
        blazeFace.close();
    }

    @Test
    void findsThePhotosThreeFacesWithSixKeypointsAndNamesItself() {
        assertThat(blazeFace.model()).isEqualTo("blazeface");
        assertThat(whole).hasSize(3).allSatisfy(face -> {
            assertThat(face.landmarkSet()).isEqualTo(LandmarkSet.BLAZEFACE_SIX);
            assertThat(face.score()).isGreaterThan(0.7f);
        });
    }

    @Test
    void aFaceExpectedWhereItIsIsFoundAgainInItsPartOfTheFrameAlone() {
        for (Face expected : whole) {
            List<Face> found = blazeFace.refine(photo, List.of(expected.box()));

            // BlazeFace boxes a face a little differently at another scale: IoU 0.71-0.93 with the whole frame's.
            assertThat(found).as("around %s", expected.box()).singleElement().satisfies(face -> {
                assertThat(face.box().iou(expected.box())).isGreaterThan(0.6f);
                assertThat(face.landmarks()).hasSize(6);
            });
        }
    }

    @Test
    void aRegionWithoutAFaceGivesNoneAndOneAroundAFaceGivesThatFace() {
        Box empty = new Box(0, 0, 60, 60);
        assertThat(whole).noneMatch(face -> empty.containsCentreOf(face.box()));
        assertThat(blazeFace.detectIn(photo, List.of(empty))).isEmpty();

        Box first = whole.get(0).box();
        Box around = new Box(first.x1() - 10, first.y1() - 10, first.x2() + 10, first.y2() + 10);
        assertThat(blazeFace.detectIn(photo, List.of(around))).singleElement()
                .satisfies(face -> assertThat(face.box().iou(first)).isGreaterThan(0.8f));
    }
}
