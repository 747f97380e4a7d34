package io.facestream.models;

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

    private static TfliteGraph withFirstPool(UnaryOperator<TfliteOperator> change) {
        TfliteGraph pnet = SourceModels.graph(MtcnnModels.PNET);
        List<TfliteOperator> operators = new ArrayList<>(pnet.operators());
        TfliteOperator pool = operators.get(FIRST_POOL);
        if (pool.op() != BuiltinOperator.MAX_POOL_2D) {
            throw new IllegalStateException("P-Net's operator " + FIRST_POOL + " is " + pool);
        }
        operators.set(FIRST_POOL, change.apply(pool));
        return new TfliteGraph(pnet.tensors(), operators, pnet.inputs(), pnet.outputs());
    }
}
