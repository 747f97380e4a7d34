package io.facestream.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlazeFaceModelsTest {
    /** Maven runs tests in the module folder. */
    private static final Path COMMITTED = Path.of("../blazeface/src/main/resources/io/facestream/blazeface/models");

    @Test
    void regeneratedModelsAreByteForByteTheCommittedOnesWhoseDigestsTheirProvenanceNames(@TempDir Path out)
            throws IOException {
        List<Path> written = BlazeFaceModels.convert(NpmPackage.defaultCacheDir(), out);

        assertThat(written).extracting(path -> path.getFileName().toString())
                .containsExactly("blazeface-short.onnx", "blazeface-full.onnx");
        String provenance = Files.readString(COMMITTED.resolve("PROVENANCE.md"));
        assertThat(provenance).contains(BlazeFaceModels.SOURCE.sha256(), BlazeFaceModels.SHORT_RANGE.sha256(),
                BlazeFaceModels.FULL_RANGE.sha256());
        for (Path file : written) {
            byte[] committed = Files.readAllBytes(COMMITTED.resolve(file.getFileName()));
            assertThat(Files.readAllBytes(file)).as("%s", file.getFileName()).isEqualTo(committed);
            assertThat(provenance).contains(Checksums.sha256(committed));
        }
    }

    @Test
    void shortRangeTakesAnyBatchOf128SquaresAndGivesSixteenValuesAndALogitPerAnchor() throws Exception {
        assertShapes(BlazeFaceModels.SHORT_RANGE, 128, 896);
    }

    @Test
    void fullRangeTakesAnyBatchOf192SquaresAndGivesSixteenValuesAndALogitPerAnchor() throws Exception {
        assertShapes(BlazeFaceModels.FULL_RANGE, 192, 2304);
    }

    @Test
    void dequantizeWritesNothingAndEveryOtherOperatorBecomesItsOwnNode() throws InvalidProtocolBufferException {
        Map<String, Long> nodes = nodes(BlazeFaceModels.SHORT_RANGE);

        // 21 CONV_2D + 16 DEPTHWISE_CONV_2D, 16 ADD, 17 RELU, 11 PAD, 3 MAX_POOL_2D, 4 RESHAPE as Transpose and
        // Reshape, 2 CONCATENATION; the 74 DEQUANTIZE operators are folded into the float32 weights.
        assertThat(nodes).containsExactly(Map.entry("Add", 16L), Map.entry("Concat", 2L), Map.entry("Conv", 37L),
                Map.entry("MaxPool", 3L), Map.entry("Pad", 11L), Map.entry("Relu", 17L), Map.entry("Reshape", 4L),
                Map.entry("Transpose", 4L));
        assertThat(nodes(BlazeFaceModels.FULL_RANGE)).containsEntry("Resize", 3L).doesNotContainKey("DequantizeLinear");
    }

    @Test
    void shortcutsPaddedByWholeChannelBlocksBecomeSplitConvolutionsAndTheOthersKeepTheirPad()
            throws InvalidProtocolBufferException {
        // Full range: 89 CONV_2D and DEPTHWISE_CONV_2D, 8 of them written twice for the 8 padded shortcuts
        // (32 to 48 channels, ..., 256 to 384: all multiples of 16), each with one Concat more.
        assertThat(nodes(BlazeFaceModels.FULL_RANGE)).containsEntry("Conv", 97L).containsEntry("Concat", 8L)
                .doesNotContainKey("Pad");
        // Short range: 24 to 28 channels and the like, not whole blocks; its 11 Pads stay (previous test).
        assertThat(nodes(BlazeFaceModels.SHORT_RANGE)).containsEntry("Pad", 11L).containsEntry("Conv", 37L);
    }

    @Test
    void namesItsProducerAndSource() throws InvalidProtocolBufferException {
        ModelProto model = model(BlazeFaceModels.SHORT_RANGE);
        assertThat(model.getProducerName()).isEqualTo("face-stream model-converter");
        assertThat(model.getDocString()).contains("BlazeFace", "@mediapipe/face_detection@0.4.1657300184",
                "Apache-2.0", BlazeFaceModels.SHORT_RANGE.sha256());
        assertThat(model.getGraph().getName()).isEqualTo("blazeface-short");
    }

    private static void assertShapes(TfliteNet net, int side, int anchors) throws Exception {
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(model(net).toByteArray(),
                new OrtSession.SessionOptions())) {
            assertThat(((TensorInfo) session.getInputInfo().get("image").getInfo()).getShape())
                    .containsExactly(-1, 3, side, side);
            assertThat(((TensorInfo) session.getOutputInfo().get("regressors").getInfo()).getShape())
                    .containsExactly(-1, anchors, 16);
            assertThat(((TensorInfo) session.getOutputInfo().get("classificators").getInfo()).getShape())
                    .containsExactly(-1, anchors, 1);
        }
    }

    private static Map<String, Long> nodes(TfliteNet net) throws InvalidProtocolBufferException {
        return model(net).getGraph().getNodeList().stream()
                .collect(Collectors.groupingBy(NodeProto::getOpType, TreeMap::new, Collectors.counting()));
    }

    private static ModelProto model(TfliteNet net) throws InvalidProtocolBufferException {
        return ModelProto.parseFrom(BlazeFaceModels.toOnnx(SourceModels.tflite(net), net));
    }
}
