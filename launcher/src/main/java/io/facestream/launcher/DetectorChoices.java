package io.facestream.launcher;

import io.facestream.blazeface.BlazeFace;
import io.facestream.blazeface.DetectorModel;
import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.RgbImage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The three detectors side by side, for {@code bench detectors}: each one frame and a minimum face size at a time. */
final class DetectorChoices implements AutoCloseable {
    private final Map<DetectorModel, FaceDetector> detectors = new EnumMap<>(DetectorModel.class);
    /** For its plans only: how many squares a frame takes. */
    private final BlazeFace blazeFace;

    DetectorChoices(DetectorOptions options) {
        for (DetectorModel model : DetectorModel.values()) {
            detectors.put(model, model.createFaceDetector(options));
        }
        this.blazeFace = BlazeFace.load(options.threads(), options.provider());
    }

    List<DetectorModel> models() {
        return List.copyOf(detectors.keySet());
    }

    FoundFaces detect(DetectorModel model, RgbImage image, int minFaceSize) {
        return new FoundFaces(model.label(), detectors.get(model).withMinFaceSize(minFaceSize).detect(image));
    }

    /** How many squares BlazeFace sees in a frame of this size (one network input each). */
    int blazeFaceSquares(int width, int height, int minFaceSize) {
        return blazeFace.squares(width, height, minFaceSize);
    }

    String provider() {
        return detectors.get(DetectorModel.MTCNN).provider();
    }

    @Override
    public void close() {
        detectors.values().forEach(FaceDetector::close);
        blazeFace.close();
    }
}
