package io.facestream.blazeface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.FaceDetector;
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
    void theCascadeNamesItselfMtcnnAndBlazeFaceAloneIsNoDetectorForEvents() {
        DetectorOptions options = DetectorOptions.builder().threads(1).build();
        try (FaceDetector mtcnn = DetectorModel.MTCNN.createFaceDetector(options)) {
            assertThat(mtcnn.model()).isEqualTo("mtcnn");
        }
        assertThatThrownBy(() -> DetectorModel.BLAZEFACE.createFaceDetector(options))
                .hasMessageContaining("six keypoints").hasMessageContaining("blazeface+onet");
    }
}
