package io.facestream.blazeface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.LandmarkSet;
import org.junit.jupiter.api.Test;

class DetectorModelTest {

    @Test
    void modelsAreChosenByTheirNamesInAnyCaseAndAnUnknownOneNamesTheChoices() {
        assertThat(DetectorModel.of("mtcnn")).isEqualTo(DetectorModel.MTCNN);
        assertThat(DetectorModel.of(" BlazeFace+ONet ")).isEqualTo(DetectorModel.BLAZEFACE_ONET);
        assertThat(DetectorModel.of("blazeface")).isEqualTo(DetectorModel.BLAZEFACE);
        assertThatThrownBy(() -> DetectorModel.of("yolo"))
                .hasMessage("unknown detector model 'yolo'; choose one of mtcnn, blazeface, blazeface+onet");
    }

    @Test
    void eachModelBuildsTheDetectorOfItsNameWithItsLandmarkSet() {
        DetectorOptions options = DetectorOptions.builder().threads(1).build();
        for (DetectorModel model : DetectorModel.values()) {
            try (FaceDetector detector = model.createFaceDetector(options)) {
                assertThat(detector.model()).isEqualTo(model.label());
            }
        }
        assertThat(DetectorModel.BLAZEFACE.landmarkSet()).isEqualTo(LandmarkSet.BLAZEFACE_SIX);
        assertThat(DetectorModel.MTCNN.landmarkSet()).isEqualTo(LandmarkSet.FIVE_POINT);
        assertThat(DetectorModel.BLAZEFACE_ONET.landmarkSet()).isEqualTo(LandmarkSet.FIVE_POINT);
    }
}
