package io.facestream.models;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * PReLU as TensorFlow exported it before it had the op, in either of two spellings, both exactly
 * ONNX PRelu ({@code max(x,0) + slope * min(x,0)}):
 * <ul>
 * <li>{@code RELU(x) + alpha * NEG(RELU(NEG(x)))} (MTCNN): slope alpha;</li>
 * <li>{@code RELU(x) + c * (x - ABS(x))} (MobileFaceNet): {@code x - |x|} is {@code 2 min(x,0)}, so
 * the slope is 2c; the ½ of the usual {@code alpha * (x - |x|) / 2} is folded into the stored c, the
 * file has no other. Doubling a float is exact, and so is every product with it.</li>
 * </ul>
 *
 * @param input  tensor x
 * @param output the ADD's output
 * @param alpha  the constant per-channel tensor the pattern multiplies by
 * @param slopeScale what alpha is multiplied by to give the slope: 1 or 2
 * @param operators indices of the pattern's operators; the ADD ({@code anchor}) is the last
 */
record PreluPattern(int input, int output, TfliteTensor alpha, float slopeScale, Set<Integer> operators, int anchor)
        implements OperatorPattern {

    /** The slopes ONNX PRelu takes, one per channel. */
    float[] slopes() {
        float[] slopes = alpha.data().clone();
        for (int c = 0; c < slopes.length; c++) {
            slopes[c] *= slopeScale;
        }
        return slopes;
    }

    @Override
    public void writeTo(TfliteToOnnx converter) {
        converter.prelu(this);
    }

    /** The NEG spelling ending in {@code add}, if {@code add} ends one. */
    static Optional<PreluPattern> negatedForm(TfliteGraph graph, TfliteOperator add) {
        return endingAt(graph, add, PreluPattern::negatedBranch);
    }

    /** The ABS spelling ending in {@code add}, if {@code add} ends one. */
    static Optional<PreluPattern> absoluteForm(TfliteGraph graph, TfliteOperator add) {
        return endingAt(graph, add, PreluPattern::absoluteBranch);
    }

    /** Reads the negative branch (the MUL's non-constant input) back to x: its operators, or empty. */
    private interface NegativeBranch {
        Optional<Branch> match(TfliteGraph graph, int tensor, int x);
    }

    private record Branch(List<Integer> operators, float slopeScale) {
    }

    private static Optional<PreluPattern> endingAt(TfliteGraph graph, TfliteOperator add, NegativeBranch branch) {
        if (add.op() != BuiltinOperator.ADD || add.inputs().length != 2) {
            return Optional.empty();
        }
        for (int side = 0; side < 2; side++) {
            Optional<PreluPattern> match = match(graph, add, add.input(side), add.input(1 - side), branch);
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }

    private static Optional<PreluPattern> match(TfliteGraph graph, TfliteOperator add, int positive, int negative,
            NegativeBranch branch) {
        Optional<TfliteOperator> relu = graph.soleProducer(positive, BuiltinOperator.RELU);
        Optional<TfliteOperator> mul = graph.soleProducer(negative, BuiltinOperator.MUL);
        if (relu.isEmpty() || mul.isEmpty() || !add.isPlainArithmetic() || !mul.get().isPlainArithmetic()) {
            return Optional.empty();
        }
        int x = relu.get().input(0);
        for (int side = 0; side < 2; side++) {
            TfliteTensor alpha = graph.tensor(mul.get().input(side));
            if (!alpha.isConstant() || alpha.data() == null) {
                continue;
            }
            Optional<Branch> negativePart = branch.match(graph, mul.get().input(1 - side), x);
            if (negativePart.isPresent()) {
                requireOneSlopePerChannel(graph, x, alpha);
                Set<Integer> ops = new HashSet<>(negativePart.get().operators());
                ops.addAll(List.of(relu.get().index(), mul.get().index(), add.index()));
                return Optional.of(new PreluPattern(x, add.output(), alpha, negativePart.get().slopeScale(),
                        Set.copyOf(ops), add.index()));
            }
        }
        return Optional.empty();
    }

    /** {@code NEG(RELU(NEG(x)))}, which is {@code min(x,0)}. */
    private static Optional<Branch> negatedBranch(TfliteGraph graph, int tensor, int x) {
        Optional<TfliteOperator> outerNeg = graph.soleProducer(tensor, BuiltinOperator.NEG);
        Optional<TfliteOperator> innerRelu = outerNeg.flatMap(
                op -> graph.soleProducer(op.input(0), BuiltinOperator.RELU));
        Optional<TfliteOperator> innerNeg = innerRelu.flatMap(
                op -> graph.soleProducer(op.input(0), BuiltinOperator.NEG));
        return innerNeg.filter(op -> op.input(0) == x).map(op -> new Branch(
                List.of(outerNeg.get().index(), innerRelu.get().index(), op.index()), 1f));
    }

    /** {@code x - ABS(x)}, which is {@code 2 min(x,0)}. */
    private static Optional<Branch> absoluteBranch(TfliteGraph graph, int tensor, int x) {
        Optional<TfliteOperator> sub = graph.soleProducer(tensor, BuiltinOperator.SUB)
                .filter(op -> op.inputs().length == 2 && op.input(0) == x && op.isPlainArithmetic());
        Optional<TfliteOperator> abs = sub.flatMap(op -> graph.soleProducer(op.input(1), BuiltinOperator.ABS))
                .filter(op -> op.input(0) == x);
        return abs.map(op -> new Branch(List.of(sub.get().index(), op.index()), 2f));
    }

    private static void requireOneSlopePerChannel(TfliteGraph graph, int x, TfliteTensor alpha) {
        int channels = graph.tensor(x).dim(-1);
        if (alpha.data().length != channels) {
            throw new IllegalArgumentException("PReLU alpha " + alpha + " has " + alpha.data().length
                    + " values for " + channels + " channels of " + graph.tensor(x));
        }
    }
}
