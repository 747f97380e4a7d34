package io.facestream.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facestream.models.OperatorOptions.Activation;
import io.facestream.models.OperatorOptions.Padding;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The converter refuses, with a message naming the operator, what it cannot reproduce exactly. */
class TfliteToOnnxTest {
    private static final int FIRST_POOL = 7;

    @Test
    void anOperatorWithoutAnOnnxMappingIsRefusedNamingIt() {
        TfliteGraph graph = withFirstPool(op -> new TfliteOperator(op.index(), BuiltinOperator.AVERAGE_POOL_2D,
                op.inputs(), op.outputs(), op.options()));

        assertThatThrownBy(() -> TfliteToOnnx.convert(graph, MtcnnModels.PNET, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AVERAGE_POOL_2D")
                .hasMessageContaining("pnet/pool1");
    }

    @Test
    void aSamePoolThatPadsInFrontAtSomeSizesIsRefusedForTheFullyConvolutionalNet() {
        TfliteGraph graph = withFirstPool(op -> new TfliteOperator(op.index(), op.op(), op.inputs(), op.outputs(),
                new OperatorOptions.Pool(Padding.SAME, 2, 2, 3, 3, Activation.NONE)));

        assertThatThrownBy(() -> TfliteToOnnx.convert(graph, MtcnnModels.PNET, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MAX_POOL_2D")
                .hasMessageContaining("ceil_mode");
    }

    @Test
    void aFusedActivationIsRefusedRatherThanDropped() {
        TfliteGraph graph = withFirstPool(op -> new TfliteOperator(op.index(), op.op(), op.inputs(), op.outputs(),
                new OperatorOptions.Pool(Padding.SAME, 2, 2, 2, 2, Activation.RELU6)));

        assertThatThrownBy(() -> TfliteToOnnx.convert(graph, MtcnnModels.PNET, ""))
                .hasMessageContaining("fused RELU6");
    }

    @Test
    void anAddOfAConstantIsRefusedAsNhwcBroadcastingMeansSomethingElseInNchw() {
        TfliteGraph pnet = SourceModels.graph(MtcnnModels.PNET);
        int alpha = pnet.tensors().stream().filter(t -> t.name().equals("pnet/PReLU1/alpha/read")).findFirst()
                .orElseThrow().index();
        TfliteGraph graph = withFirstPool(op -> new TfliteOperator(op.index(), BuiltinOperator.ADD,
                new int[] {op.input(0), alpha}, op.outputs(), new OperatorOptions.Arithmetic(Activation.NONE)));

        assertThatThrownBy(() -> TfliteToOnnx.convert(graph, MtcnnModels.PNET, ""))
                .hasMessageContaining("ADD")
                .hasMessageContaining("adds a constant");
    }

    @Test
    void aReshapeThatDoesNotKeepEveryValueIsRefused() {
        TfliteGraph mobileFaceNet = SourceModels.graph(MobileFaceNetModel.NET);
        int reshape = mobileFaceNet.operators().size() - 1;
        int sevenBySeven = mobileFaceNet.operators().get(reshape - 4).output();
        assertThat(mobileFaceNet.tensor(sevenBySeven).shape()).containsExactly(2, 7, 7, 512);
        TfliteGraph graph = withOperator(mobileFaceNet, reshape, BuiltinOperator.RESHAPE, op -> new TfliteOperator(
                op.index(), op.op(), new int[] {sevenBySeven, op.input(1)}, op.outputs(), op.options()));

        assertThatThrownBy(() -> TfliteToOnnx.convert(graph, MobileFaceNetModel.NET, ""))
                .hasMessageContaining("RESHAPE")
                .hasMessageContaining("[2, 7, 7, 512] to")
                .hasMessageContaining("not a map of a fixed-size net to vectors or rows");
    }

    private static TfliteGraph withFirstPool(UnaryOperator<TfliteOperator> change) {
        return withOperator(SourceModels.graph(MtcnnModels.PNET), FIRST_POOL, BuiltinOperator.MAX_POOL_2D, change);
    }

    private static TfliteGraph withOperator(TfliteGraph graph, int index, BuiltinOperator expected,
            UnaryOperator<TfliteOperator> change) {
        List<TfliteOperator> operators = new ArrayList<>(graph.operators());
        TfliteOperator original = operators.get(index);
        if (original.op() != expected) {
            throw new IllegalStateException("operator " + index + " is " + original);
        }
        operators.set(index, change.apply(original));
        return new TfliteGraph(graph.tensors(), operators, graph.inputs(), graph.outputs());
    }
}
