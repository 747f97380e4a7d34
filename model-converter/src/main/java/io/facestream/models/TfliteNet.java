package io.facestream.models;

import java.util.List;
import java.util.OptionalInt;

/**
 * One TFLite net inside a pinned package: where its file is and the file's digest, its input size
 * (empty for a fully convolutional net), how it saw the image, and the ONNX names its TFLite outputs
 * get, in ONNX order.
 */
record TfliteNet(String name, NpmPackage source, String packageEntry, String sha256, OptionalInt inputSize,
        Orientation orientation, List<Output> outputs) {

    /** A TFLite graph output and the name it has in the ONNX model. */
    record Output(String tfliteName, String onnxName) {
    }

    String tfliteFileName() {
        return packageEntry.substring(packageEntry.lastIndexOf('/') + 1);
    }

    String onnxFileName() {
        return name + ".onnx";
    }

    /** Package and file, as error messages and the models' doc strings name them. */
    String origin() {
        return source.name() + "@" + source.version() + " " + packageEntry;
    }
}
