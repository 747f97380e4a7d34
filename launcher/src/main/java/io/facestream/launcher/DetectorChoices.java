package io.facestream.launcher;

import io.facestream.blazeface.BlazeFace;
import io.facestream.blazeface.DetectorModel;
import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.RgbImage;
import java.util.List;

/** The three detectors side by side, for {@code bench detectors}: each one frame and a minimum face size at a time. */
final class DetectorChoices implements AutoCloseable {
    private final FaceDetector mtcnn;
    private final BlazeFace blazeFace;
    private final FaceDetector hybrid;

    DetectorChoices(DetectorOptions options) {
        this.mtcnn = DetectorModel.MTCNN.createFaceDetector(options);
        this.blazeFace = BlazeFace.load(options.threads(), options.provider());
        this.hybrid = DetectorModel.BLAZEFACE_ONET.createFaceDetector(options);
    }

    List<DetectorModel> models() {
        return List.of(DetectorModel.MTCNN, DetectorModel.BLAZEFACE, DetectorModel.BLAZEFACE_ONET);
    }

    FoundFaces detect(DetectorModel model, RgbImage image, int minFaceSize) {
        return switch (model) {
            case MTCNN -> FoundFaces.of(model.label(), mtcnn.withMinFaceSize(minFaceSize).detect(image));
            case BLAZEFACE -> FoundFaces.ofBlazeFace(blazeFace.detect(image, minFaceSize));
            case BLAZEFACE_ONET -> FoundFaces.of(model.label(), hybrid.withMinFaceSize(minFaceSize).detect(image));
        };
    }

    /** How many squares BlazeFace sees in a frame of this size (one network input each). */
    int blazeFaceSquares(int width, int height, int minFaceSize) {
        return blazeFace.squares(width, height, minFaceSize);
    }

    String provider() {
        return mtcnn.provider();
    }

    @Override
    public void close() {
        hybrid.close();
        blazeFace.close();
        mtcnn.close();
    }
}
