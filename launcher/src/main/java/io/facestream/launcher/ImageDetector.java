package io.facestream.launcher;

import io.facestream.blazeface.BlazeFace;
import io.facestream.blazeface.DetectorModel;
import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.RgbImage;
import java.util.List;
import java.util.function.Function;

/** The detector {@code detect} runs on image files, whichever model was chosen: images in, each one's faces out. */
final class ImageDetector implements AutoCloseable {
    private final Function<List<RgbImage>, List<FoundFaces>> detect;
    private final String provider;
    private final AutoCloseable models;

    private ImageDetector(Function<List<RgbImage>, List<FoundFaces>> detect, String provider, AutoCloseable models) {
        this.detect = detect;
        this.provider = provider;
        this.models = models;
    }

    static ImageDetector open(DetectorModel model, DetectorOptions options) {
        if (model == DetectorModel.BLAZEFACE) {
            BlazeFace blazeFace = BlazeFace.load(options.threads(), options.provider());
            return new ImageDetector(images -> blazeFace.detect(images, options.minFaceSize()).stream()
                    .map(FoundFaces::ofBlazeFace).toList(), blazeFace.provider(), blazeFace);
        }
        FaceDetector detector = model.createFaceDetector(options);
        return new ImageDetector(images -> detector.detectBatch(images).stream()
                .map(faces -> FoundFaces.of(detector.model(), faces)).toList(), detector.provider(), detector);
    }

    List<FoundFaces> detect(List<RgbImage> images) {
        return detect.apply(images);
    }

    /** Where the networks run: "cpu" or "cuda". */
    String provider() {
        return provider;
    }

    @Override
    public void close() throws Exception {
        models.close();
    }
}
