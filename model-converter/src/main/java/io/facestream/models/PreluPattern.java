package io.facestream.models;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * PReLU as TensorFlow exported it before it had the op: {@code RELU(x) + alpha * NEG(RELU(NEG(x)))},
 * which is {@code max(x,0) + alpha * min(x,0)}: exactly ONNX PRelu with slope alpha.
 *
 * @param input  tensor x
 * @param output the ADD's output
 * @param alpha  the constant per-channel slopes
 * @param operators indices of the six operators of the pattern; the ADD ({@code anchor}) is the last
 */
record PreluPattern(int input, int output, TfliteTensor alpha, Set<Integer> operators, int anchor) {

    /** The pattern that ends in {@code add}, if {@code add} ends one. */
    static Optional<PreluPattern> endingAt(TfliteGraph graph, TfliteOperator add) {
        if (add.op() != BuiltinOperator.ADD || add.inputs().length != 2) {
            return Optional.empty();
        }
        for (int side = 0; side < 2; side++) {
            Optional<PreluPattern> match = match(graph, add, add.input(side), add.input(1 - side));
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }

    private static Optional<PreluPattern> match(TfliteGraph graph, TfliteOperator add, int positive, int negative) {
        Optional<TfliteOperator> relu = soleProducer(graph, positive, BuiltinOperator.RELU);
        Optional<TfliteOperator> mul = soleProducer(graph, negative, BuiltinOperator.MUL);
        if (relu.isEmpty() || mul.isEmpty()) {
            return Optional.empty();
        }
        int x = relu.get().input(0);
        for (int side = 0; side < 2; side++) {
            TfliteTensor alpha = graph.tensor(mul.get().input(side));
            int negatedBranch = mul.get().input(1 - side);
            if (!alpha.isConstant() || alpha.data() == null) {
                continue;
            }
            Optional<TfliteOperator> outerNeg = soleProducer(graph, negatedBranch, BuiltinOperator.NEG);
            Optional<TfliteOperator> innerRelu = outerNeg.flatMap(
                    op -> soleProducer(graph, op.input(0), BuiltinOperator.RELU));
            Optional<TfliteOperator> innerNeg = innerRelu.flatMap(
                    op -> soleProducer(graph, op.input(0), BuiltinOperator.NEG));
            if (innerNeg.isPresent() && innerNeg.get().input(0) == x) {
                requireOneSlopePerChannel(graph, x, alpha);
                Set<Integer> ops = Set.copyOf(List.of(relu.get().index(), mul.get().index(), outerNeg.get().index(),
                        innerRelu.get().index(), innerNeg.get().index(), add.index()));
                return Optional.of(new PreluPattern(x, add.output(), alpha, ops, add.index()));
            }
        }
        return Optional.empty();
    }

    /** The operator of kind {@code op} writing {@code tensor}, when nothing but the pattern reads it. */
    private static Optional<TfliteOperator> soleProducer(TfliteGraph graph, int tensor, BuiltinOperator op) {
        if (graph.isGraphOutput(tensor) || graph.consumers(tensor).size() != 1) {
            return Optional.empty();
        }
        return graph.producer(tensor).filter(producer -> producer.op() == op);
    }

    private static void requireOneSlopePerChannel(TfliteGraph graph, int x, TfliteTensor alpha) {
        int channels = graph.tensor(x).dim(-1);
        if (alpha.data().length != channels) {
            throw new IllegalArgumentException("PReLU alpha " + alpha + " has " + alpha.data().length
                    + " values for " + channels + " channels of " + graph.tensor(x));
        }
    }
}
