package io.facestream.models;

import java.util.List;
import java.util.OptionalInt;

/**
 * One of the three MTCNN stages: where its TFLite file is, its pinned digest, its input size
 * (empty for the fully convolutional P-Net) and the ONNX names its TFLite outputs get, in ONNX order.
 */
record MtcnnNet(String name, String sha256, OptionalInt inputSize, List<Output> outputs) {

    /** A TFLite graph output and the name it has in the ONNX model. */
    record Output(String tfliteName, String onnxName) {
    }

    static final MtcnnNet PNET = new MtcnnNet("pnet",
            "8272d20e7e0981b20028d3bc783fd6a5a9bc7d34da8f73b3def0ac62de082077", OptionalInt.empty(), List.of(
                    new Output("pnet/prob1", "prob"),
                    new Output("pnet/conv4-2/BiasAdd", "regression")));

    static final MtcnnNet RNET = new MtcnnNet("rnet",
            "169c451054b94f85b01924f4946d314389d3eb5cb6c70eb438df86c52fb54c55", OptionalInt.of(24), List.of(
                    new Output("rnet/prob1", "prob"),
                    new Output("rnet/conv5-2/conv5-2", "regression")));

    static final MtcnnNet ONET = new MtcnnNet("onet",
            "946543640bd17e5275f442646422a4816441bb00897439a69bc9ea5fcf1fe601", OptionalInt.of(48), List.of(
                    new Output("onet/prob1", "prob"),
                    new Output("onet/conv6-2/conv6-2", "regression"),
                    new Output("onet/conv6-3/conv6-3", "landmarks")));

    static final List<MtcnnNet> ALL = List.of(PNET, RNET, ONET);

    /** The file's path inside the npm package. */
    String packageEntry() {
        return "package/android/src/main/assets/" + tfliteFileName();
    }

    String tfliteFileName() {
        return name + ".tflite";
    }

    String onnxFileName() {
        return name + ".onnx";
    }
}
