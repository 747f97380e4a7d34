package io.facestream.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.blazeface.DetectorModel;
import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.Face;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.LandmarkSet;
import io.facestream.cascade.RgbImage;
import io.facestream.recognition.FaceEmbedder;
import io.facestream.recognition.Gallery;
import io.facestream.samples.SamplePhoto;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A face BlazeFace found alone is aligned on four of its six keypoints; its embedding must still say who it is: closer
 * to the same person's embedding from MTCNN's five landmarks than to anyone else's in the photo, and close enough
 * for the sink to name them ({@link Gallery#DEFAULT_THRESHOLD}).
 */
class BlazeFaceEmbeddingsTest {

    @ParameterizedTest
    @EnumSource(value = SamplePhoto.class, names = {"SAMPLE1", "MULTIFACE"})
    void eachBlazeFaceFaceIsClosestToTheSamePersonAlignedOnMtcnnsLandmarks(SamplePhoto photo, TestReporter reporter)
            throws IOException {
        RgbImage image = RgbImage.read(photo.path());
        DetectorOptions options = DetectorOptions.builder().threads(2).build();
        try (FaceDetector mtcnn = DetectorModel.MTCNN.createFaceDetector(options);
             FaceDetector blazeFace = DetectorModel.BLAZEFACE.createFaceDetector(options);
             FaceEmbedder embedder = FaceEmbedder.create(2)) {
            List<Face> fivePoint = mtcnn.detect(image);
            List<Face> sixPoint = blazeFace.detect(image);
            assertThat(sixPoint).isNotEmpty().allSatisfy(face ->
                    assertThat(face.landmarkSet()).isEqualTo(LandmarkSet.BLAZEFACE_SIX));
            float[][] references = embedder.embed(image, fivePoint);
            float[][] embeddings = embedder.embed(image, sixPoint);

            int matched = 0;
            for (int b = 0; b < sixPoint.size(); b++) {
                int same = samePerson(sixPoint.get(b), fivePoint);
                if (same < 0) {
                    continue;
                }
                matched++;
                float own = FaceEmbedder.similarity(embeddings[b], references[same]);
                reporter.publishEntry(photo + " face " + b, "similarity to itself from MTCNN's landmarks " + own);
                // Measured: 0.89-0.98 to itself, at most 0.45 to anyone else.
                assertThat(own).as("face %d: itself", b).isGreaterThan(Gallery.DEFAULT_THRESHOLD);
                for (int other = 0; other < fivePoint.size(); other++) {
                    if (other != same) {
                        assertThat(own).as("face %d: itself against face %d", b, other)
                                .isGreaterThan(FaceEmbedder.similarity(embeddings[b], references[other]));
                    }
                }
            }
            assertThat(matched).isGreaterThanOrEqualTo(Math.min(3, fivePoint.size()));
        }
    }

    /** The index of the five-point face that is the same face (box IoU at least 0.5), or -1. */
    private static int samePerson(Face face, List<Face> fivePoint) {
        for (int i = 0; i < fivePoint.size(); i++) {
            if (fivePoint.get(i).box().iou(face.box()) >= 0.5f) {
                return i;
            }
        }
        return -1;
    }
}
