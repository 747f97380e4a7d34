package io.facestream.models;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Softmax over the last (channel) axis as TensorFlow exported it:
 * {@code e = EXP(x - REDUCE_MAX(x)); e / SUM(e)}, both reductions over the last axis, dims kept.
 *
 * @param operators indices of the five operators; the DIV ({@code anchor}) is the last
 */
record SoftmaxPattern(int input, int output, Set<Integer> operators, int anchor) implements OperatorPattern {

    @Override
    public void writeTo(TfliteToOnnx converter) {
        converter.softmax(this);
    }

    static Optional<SoftmaxPattern> endingAt(TfliteGraph graph, TfliteOperator div) {
        if (div.op() != BuiltinOperator.DIV) {
            return Optional.empty();
        }
        int exponentials = div.input(0);
        Optional<TfliteOperator> exp = graph.producer(exponentials).filter(op -> op.op() == BuiltinOperator.EXP);
        Optional<TfliteOperator> sum = graph.producer(div.input(1))
                .filter(op -> op.op() == BuiltinOperator.SUM && op.input(0) == exponentials);
        Optional<TfliteOperator> sub = exp.flatMap(op -> graph.producer(op.input(0)))
                .filter(op -> op.op() == BuiltinOperator.SUB);
        Optional<TfliteOperator> max = sub.flatMap(op -> graph.producer(op.input(1)))
                .filter(op -> op.op() == BuiltinOperator.REDUCE_MAX && op.input(0) == sub.get().input(0));
        if (sum.isEmpty() || max.isEmpty()) {
            return Optional.empty();
        }
        int x = sub.get().input(0);
        if (!reducesLastAxisKeepingIt(graph, sum.get(), x) || !reducesLastAxisKeepingIt(graph, max.get(), x)) {
            return Optional.empty();
        }
        Set<Integer> ops = Set.copyOf(List.of(max.get().index(), sub.get().index(), exp.get().index(),
                sum.get().index(), div.index()));
        List<Integer> intermediates = List.of(max.get().output(), sub.get().output(), exponentials, sum.get().output());
        if (!readOnlyInside(graph, intermediates, ops)) {
            return Optional.empty();
        }
        return Optional.of(new SoftmaxPattern(x, div.output(), ops, div.index()));
    }

    private static boolean readOnlyInside(TfliteGraph graph, List<Integer> tensors, Set<Integer> ops) {
        return tensors.stream().noneMatch(graph::isGraphOutput) && tensors.stream()
                .flatMap(tensor -> graph.consumers(tensor).stream())
                .allMatch(reader -> ops.contains(reader.index()));
    }

    private static boolean reducesLastAxisKeepingIt(TfliteGraph graph, TfliteOperator reduction, int x) {
        int[] axes = graph.tensor(reduction.input(1)).intData();
        int rank = graph.tensor(x).rank();
        boolean keepDims = reduction.options() instanceof OperatorOptions.Reducer reducer && reducer.keepDims();
        return keepDims && axes != null && axes.length == 1 && (axes[0] == rank - 1 || axes[0] == -1);
    }
}
