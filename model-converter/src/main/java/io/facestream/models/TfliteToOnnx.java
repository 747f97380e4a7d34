package io.facestream.models;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.facestream.models.OperatorOptions.Activation;
import io.facestream.models.OperatorOptions.Padding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Converts one MTCNN TFLite graph to an ONNX graph that takes the photo untransposed in NCHW
 * (see {@link TransposedWeights}) and fails on anything the MTCNN graphs are not known to contain.
 */
final class TfliteToOnnx {
    static final String PRODUCER = "face-stream model-converter";
    static final String INPUT = "image";

    private final TfliteGraph graph;
    private final MtcnnNet net;
    private final OnnxGraphBuilder onnx;
    private final Map<Integer, PreluPattern> prelus = new HashMap<>();
    private final Map<Integer, SoftmaxPattern> softmaxes = new HashMap<>();
    private final Set<Integer> patternOperators = new HashSet<>();
    private final Set<Integer> initializers = new HashSet<>();

    private TfliteToOnnx(TfliteGraph graph, MtcnnNet net) {
        this.graph = graph;
        this.net = net;
        this.onnx = new OnnxGraphBuilder(net.name());
    }

    static ModelProto convert(TfliteGraph graph, MtcnnNet net, String docString) {
        return new TfliteToOnnx(graph, net).convert(docString);
    }

    private ModelProto convert(String docString) {
        requireUniqueTensorNames();
        findPatterns();
        declareInput();
        for (TfliteOperator op : graph.operators()) {
            convertOperator(op);
        }
        declareOutputs();
        return onnx.model(PRODUCER, docString);
    }

    private void convertOperator(TfliteOperator op) {
        if (prelus.containsKey(op.index())) {
            prelu(prelus.get(op.index()));
        } else if (softmaxes.containsKey(op.index())) {
            softmax(softmaxes.get(op.index()).input(), softmaxes.get(op.index()).output(), op);
        } else if (!patternOperators.contains(op.index())) {
            switch (op.op()) {
                case CONV_2D -> conv(op);
                case MAX_POOL_2D -> maxPool(op);
                case FULLY_CONNECTED -> fullyConnected(op);
                case SOFTMAX -> builtinSoftmax(op);
                default -> throw unexpected(op, "is not part of a PReLU or softmax pattern and has no ONNX mapping");
            }
        }
    }

    private void findPatterns() {
        for (TfliteOperator op : graph.operators()) {
            PreluPattern.endingAt(graph, op).ifPresent(prelu -> {
                prelus.put(prelu.anchor(), prelu);
                patternOperators.addAll(prelu.operators());
            });
            SoftmaxPattern.endingAt(graph, op).ifPresent(softmax -> {
                softmaxes.put(softmax.anchor(), softmax);
                patternOperators.addAll(softmax.operators());
            });
        }
    }

    private void declareInput() {
        TfliteTensor input = graph.input();
        if (input.rank() != 4 || input.dim(0) != 1 || input.dim(3) != 3) {
            throw new IllegalArgumentException(net.name() + ": expected a 1xHxWx3 input, found " + input);
        }
        net.inputSize().ifPresent(size -> {
            if (input.dim(1) != size || input.dim(2) != size) {
                throw new IllegalArgumentException(net.name() + ": expected a " + size + "x" + size
                        + " input, found " + input);
            }
        });
        Dimension height = net.inputSize().isPresent() ? Dimension.of(net.inputSize().getAsInt())
                : Dimension.named("height");
        Dimension width = net.inputSize().isPresent() ? Dimension.of(net.inputSize().getAsInt())
                : Dimension.named("width");
        onnx.input(INPUT, List.of(Dimension.named("batch"), Dimension.of(3), height, width));
    }

    private void declareOutputs() {
        if (graph.outputs().length != net.outputs().size()) {
            throw new IllegalArgumentException(net.name() + ": expected " + net.outputs().size()
                    + " graph outputs, found " + graph.outputs().length);
        }
        for (MtcnnNet.Output output : net.outputs()) {
            TfliteTensor tensor = graphOutput(output.tfliteName());
            List<Dimension> shape = new ArrayList<>(List.of(Dimension.named("batch"), Dimension.of(tensor.dim(-1))));
            if (tensor.rank() == 4) {
                shape.addAll(List.of(Dimension.named("map_height"), Dimension.named("map_width")));
            } else if (tensor.rank() != 2) {
                throw new IllegalArgumentException(net.name() + ": output " + tensor + " is neither a map nor a vector");
            }
            onnx.output(output.onnxName(), shape);
        }
    }

    private TfliteTensor graphOutput(String name) {
        for (int index : graph.outputs()) {
            if (graph.tensor(index).name().equals(name)) {
                return graph.tensor(index);
            }
        }
        throw new IllegalArgumentException(net.name() + ": no graph output named '" + name + "'");
    }

    private void conv(TfliteOperator op) {
        OperatorOptions.Conv options = (OperatorOptions.Conv) op.options();
        TfliteTensor kernel = constant(op, 1);
        requireNoActivation(op, options.activation());
        if (options.dilationH() != 1 || options.dilationW() != 1) {
            throw unexpected(op, "is dilated");
        }
        boolean padsNothing = options.padding() == Padding.VALID
                || (kernel.dim(1) == 1 && kernel.dim(2) == 1 && options.strideH() == 1 && options.strideW() == 1);
        if (!padsNothing) {
            throw unexpected(op, "pads (SAME with a kernel larger than 1x1)");
        }
        addInitializer(kernel, TransposedWeights.convKernelDims(kernel), TransposedWeights.convKernel(kernel));
        List<String> inputs = new ArrayList<>(List.of(name(op.input(0)), kernel.name()));
        addBias(op, inputs);
        onnx.node("Conv", name(op.output()), inputs, name(op.output()),
                OnnxGraphBuilder.ints("kernel_shape", kernel.dim(2), kernel.dim(1)),
                OnnxGraphBuilder.ints("strides", options.strideW(), options.strideH()));
    }

    private void maxPool(TfliteOperator op) {
        OperatorOptions.Pool options = (OperatorOptions.Pool) op.options();
        requireNoActivation(op, options.activation());
        boolean ceilMode = options.padding() == Padding.SAME;
        if (ceilMode) {
            requireSameAsCeilMode(op, options);
        }
        onnx.node("MaxPool", name(op.output()), List.of(name(op.input(0))), name(op.output()),
                OnnxGraphBuilder.ints("kernel_shape", options.filterW(), options.filterH()),
                OnnxGraphBuilder.ints("strides", options.strideW(), options.strideH()),
                OnnxGraphBuilder.integer("ceil_mode", ceilMode ? 1 : 0));
    }

    private void requireSameAsCeilMode(TfliteOperator op, OperatorOptions.Pool options) {
        TfliteTensor input = graph.tensor(op.input(0));
        boolean rows = CeilModePooling.reproducesSame(options.filterH(), options.strideH(), staticSize(input, 1));
        boolean cols = CeilModePooling.reproducesSame(options.filterW(), options.strideW(), staticSize(input, 2));
        if (!rows || !cols) {
            throw unexpected(op, "is SAME-padded with padding in front for " + input
                    + ", which ONNX MaxPool with ceil_mode cannot reproduce");
        }
    }

    /** A spatial size known at conversion time: only in the fixed-size nets, whose stored shapes hold. */
    private OptionalInt staticSize(TfliteTensor tensor, int axis) {
        return net.inputSize().isPresent() ? OptionalInt.of(tensor.dim(axis)) : OptionalInt.empty();
    }

    private void fullyConnected(TfliteOperator op) {
        OperatorOptions.FullyConnected options = (OperatorOptions.FullyConnected) op.options();
        requireNoActivation(op, options.activation());
        if (options.weightsFormat() != 0 || options.keepNumDims()) {
            throw unexpected(op, "uses shuffled weights or keeps dims");
        }
        TfliteTensor input = graph.tensor(op.input(0));
        TfliteTensor weights = constant(op, 1);
        String gemmInput = name(input.index());
        float[] columns = weights.data();
        if (input.rank() == 4) {
            gemmInput = flatten(input);
            columns = TransposedWeights.fullyConnectedOverFlattenedMap(weights, input.dim(1), input.dim(2),
                    input.dim(3));
        } else if (input.rank() != 2) {
            throw unexpected(op, "reads a rank " + input.rank() + " tensor");
        }
        addInitializer(weights, new long[] {weights.dim(0), weights.dim(1)}, columns);
        List<String> inputs = new ArrayList<>(List.of(gemmInput, weights.name()));
        addBias(op, inputs);
        onnx.node("Gemm", name(op.output()), inputs, name(op.output()), OnnxGraphBuilder.integer("transB", 1));
    }

    private String flatten(TfliteTensor map) {
        if (net.inputSize().isEmpty()) {
            throw new IllegalArgumentException(net.name() + ": a fully connected layer needs a fixed input size");
        }
        String flat = map.name() + "/flattened";
        onnx.node("Flatten", flat, List.of(name(map.index())), flat, OnnxGraphBuilder.integer("axis", 1));
        return flat;
    }

    private void prelu(PreluPattern prelu) {
        TfliteTensor input = graph.tensor(prelu.input());
        TfliteTensor alpha = prelu.alpha();
        long channels = alpha.data().length;
        long[] slopeDims = input.rank() == 4 ? new long[] {channels, 1, 1} : new long[] {channels};
        addInitializer(alpha, slopeDims, alpha.data().clone());
        onnx.node("PRelu", name(prelu.output()), List.of(name(prelu.input()), alpha.name()), name(prelu.output()));
    }

    private void builtinSoftmax(TfliteOperator op) {
        if (((OperatorOptions.Softmax) op.options()).beta() != 1f) {
            throw unexpected(op, "has beta other than 1");
        }
        softmax(op.input(0), op.output(), op);
    }

    /** Softmax over TFLite's last axis, the channels, which is axis 1 in ONNX's NCHW (and in [N, C]). */
    private void softmax(int input, int output, TfliteOperator op) {
        int rank = graph.tensor(input).rank();
        if (rank != 4 && rank != 2) {
            throw unexpected(op, "is a softmax over a rank " + rank + " tensor");
        }
        onnx.node("Softmax", name(output), List.of(name(input)), name(output), OnnxGraphBuilder.integer("axis", 1));
    }

    private void addBias(TfliteOperator op, List<String> inputs) {
        if (op.inputs().length > 2 && op.input(2) >= 0) {
            TfliteTensor bias = constant(op, 2);
            addInitializer(bias, new long[] {bias.data().length}, bias.data().clone());
            inputs.add(bias.name());
        }
    }

    private void addInitializer(TfliteTensor source, long[] dims, float[] values) {
        if (!initializers.add(source.index())) {
            throw new IllegalArgumentException(net.name() + ": constant " + source + " is used twice");
        }
        onnx.initializer(source.name(), dims, values);
    }

    private TfliteTensor constant(TfliteOperator op, int input) {
        TfliteTensor tensor = graph.tensor(op.input(input));
        if (tensor.data() == null) {
            throw unexpected(op, "has a non-constant or non-float input " + tensor);
        }
        return tensor;
    }

    private String name(int tensor) {
        if (tensor == graph.input().index()) {
            return INPUT;
        }
        String tfliteName = graph.tensor(tensor).name();
        for (MtcnnNet.Output output : net.outputs()) {
            if (output.tfliteName().equals(tfliteName)) {
                return output.onnxName();
            }
        }
        return tfliteName;
    }

    private void requireNoActivation(TfliteOperator op, Activation activation) {
        if (activation != Activation.NONE) {
            throw unexpected(op, "has a fused " + activation + " activation");
        }
    }

    private void requireUniqueTensorNames() {
        Set<String> names = new HashSet<>();
        for (TfliteTensor tensor : graph.tensors()) {
            if (!names.add(tensor.name())) {
                throw new IllegalArgumentException(net.name() + ": tensor name '" + tensor.name() + "' occurs twice");
            }
        }
    }

    private IllegalArgumentException unexpected(TfliteOperator op, String what) {
        return new IllegalArgumentException(net.name() + ": unexpected " + op + " writing '"
                + graph.tensor(op.outputs()[0]).name() + "': it " + what);
    }
}
