package io.facestream.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facestream.models.OperatorOptions.Padding;
import java.util.List;
import org.junit.jupiter.api.Test;

class TfliteReaderTest {

    @Test
    void readsTheStoredInputShapesInNhwc() {
        assertThat(SourceModels.graph(MtcnnModels.PNET).input().shape()).containsExactly(1, 1280, 960, 3);
        assertThat(SourceModels.graph(MtcnnModels.RNET).input().shape()).containsExactly(1, 24, 24, 3);
        assertThat(SourceModels.graph(MtcnnModels.ONET).input().name()).isEqualTo("onet/input");
    }

    @Test
    void readsConvKernelsAsOhwiAndFullyConnectedWeightsAsOutByIn() {
        TfliteGraph rnet = SourceModels.graph(MtcnnModels.RNET);
        assertThat(tensorNamed(rnet, "rnet/conv3/weights/read").shape()).containsExactly(64, 2, 2, 48);
        TfliteTensor fullyConnected = tensorNamed(rnet, "rnet/conv4/weights/read/transpose");
        assertThat(fullyConnected.shape()).containsExactly(128, 576);
        assertThat(fullyConnected.data()).hasSize(128 * 576);
    }

    @Test
    void takesBuiltinCodesFromTheDeprecatedFieldTheseFilesFill() {
        List<BuiltinOperator> ops = SourceModels.graph(MtcnnModels.PNET).operators().stream()
                .map(TfliteOperator::op).toList();
        assertThat(ops).hasSize(29).startsWith(BuiltinOperator.CONV_2D, BuiltinOperator.RELU, BuiltinOperator.NEG,
                BuiltinOperator.RELU, BuiltinOperator.NEG, BuiltinOperator.MUL, BuiltinOperator.ADD,
                BuiltinOperator.MAX_POOL_2D).endsWith(BuiltinOperator.REDUCE_MAX, BuiltinOperator.SUB,
                BuiltinOperator.EXP, BuiltinOperator.SUM, BuiltinOperator.DIV);
    }

    @Test
    void readsPoolingOptionsPerOperator() {
        List<OperatorOptions> pools = SourceModels.graph(MtcnnModels.ONET).operators().stream()
                .filter(op -> op.op() == BuiltinOperator.MAX_POOL_2D).map(TfliteOperator::options).toList();
        assertThat(pools).containsExactly(
                new OperatorOptions.Pool(Padding.SAME, 2, 2, 3, 3, OperatorOptions.Activation.NONE),
                new OperatorOptions.Pool(Padding.VALID, 2, 2, 3, 3, OperatorOptions.Activation.NONE),
                new OperatorOptions.Pool(Padding.SAME, 2, 2, 2, 2, OperatorOptions.Activation.NONE));
    }

    @Test
    void readsPreluSlopesAndReductionAxesExactly() {
        TfliteGraph pnet = SourceModels.graph(MtcnnModels.PNET);
        assertThat(tensorNamed(pnet, "pnet/PReLU1/alpha/read").data()).hasSize(10)
                .startsWith(-0.6254063f, -0.2116809f, 1.0116835f);
        assertThat(tensorNamed(pnet, "pnet/Max/reduction_indices").intData()).containsExactly(3);
    }

    @Test
    void readsMobileFaceNetsStoredBatchOfTwoAbsAndDepthwiseOptions() {
        TfliteGraph mobileFaceNet = SourceModels.graph(MobileFaceNetModel.NET);
        assertThat(mobileFaceNet.input().shape()).containsExactly(2, 112, 112, 3);
        assertThat(mobileFaceNet.operators().stream().filter(op -> op.op() == BuiltinOperator.ABS)).hasSize(33);
        TfliteOperator strideTwo = mobileFaceNet.operators().get(19);
        assertThat(strideTwo.op()).isEqualTo(BuiltinOperator.DEPTHWISE_CONV_2D);
        assertThat(strideTwo.options()).isEqualTo(
                new OperatorOptions.DepthwiseConv(Padding.SAME, 2, 2, 1, 1, 1, OperatorOptions.Activation.NONE));
        assertThat(mobileFaceNet.tensor(strideTwo.input(1)).shape()).containsExactly(1, 3, 3, 128);
    }

    @Test
    void refusesBytesThatAreNoTfliteModel() {
        assertThatThrownBy(() -> TfliteReader.read("PK\u0003\u0004 not a model".getBytes()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a TensorFlow Lite model");
    }

    private static TfliteTensor tensorNamed(TfliteGraph graph, String name) {
        return graph.tensors().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
