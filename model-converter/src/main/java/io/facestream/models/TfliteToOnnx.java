package io.facestream.models;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import io.facestream.models.OperatorOptions.Activation;
import io.facestream.models.OperatorOptions.Padding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Converts one TFLite graph to an ONNX graph that takes the photo upright in NCHW, whatever way the
 * TFLite net saw it ({@link Orientation}), in batches of any size. Writes what {@link OperatorTable}
 * lists and fails on anything else.
 */
final class TfliteToOnnx {
    static final String PRODUCER = "face-stream model-converter";
    static final String INPUT = "image";
    private static final String ZERO = "zero";

    private final TfliteGraph graph;
    private final TfliteNet net;
    private final OnnxGraphBuilder onnx;
    private final Map<Integer, OperatorPattern> patterns = new HashMap<>();
    private final Set<Integer> patternOperators = new HashSet<>();
    private final Set<Integer> initializers = new HashSet<>();
    /** Whether the scalar 0 that every PReLU's Min shares is in the graph yet. */
    private boolean zeroAdded;

    private TfliteToOnnx(TfliteGraph graph, TfliteNet net) {
        this.graph = graph;
        this.net = net;
        this.onnx = new OnnxGraphBuilder(net.name());
    }

    static ModelProto convert(TfliteGraph graph, TfliteNet net, String docString) {
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
        if (patterns.containsKey(op.index())) {
            patterns.get(op.index()).writeTo(this);
        } else if (!patternOperators.contains(op.index())) {
            BiConsumer<TfliteToOnnx, TfliteOperator> mapping = OperatorTable.SINGLE.get(op.op());
            if (mapping == null) {
                throw unexpected(op, "is not part of a known pattern and has no ONNX mapping");
            }
            mapping.accept(this, op);
        }
    }

    private void findPatterns() {
        for (TfliteOperator op : graph.operators()) {
            for (OperatorTable.PatternFinder finder : OperatorTable.PATTERNS) {
                Optional<? extends OperatorPattern> pattern = finder.endingAt(graph, op);
                if (pattern.isPresent()) {
                    claim(pattern.get(), op);
                    break;
                }
            }
        }
    }

    private void claim(OperatorPattern pattern, TfliteOperator anchor) {
        for (int index : pattern.operators()) {
            if (!patternOperators.add(index)) {
                throw unexpected(anchor, "ends a pattern that shares op #" + index + " with another");
            }
        }
        patterns.put(pattern.anchor(), pattern);
    }

    /** The stored batch (1 in MTCNN, 2 in MobileFaceNet) becomes a dynamic one. */
    private void declareInput() {
        TfliteTensor input = graph.input();
        if (input.rank() != 4 || input.dim(3) != 3) {
            throw new IllegalArgumentException(net.name() + ": expected an NxHxWx3 input, found " + input);
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
        for (TfliteNet.Output output : net.outputs()) {
            TfliteTensor tensor = graphOutput(output.tfliteName());
            List<Dimension> shape = new ArrayList<>(List.of(Dimension.named("batch"), Dimension.of(tensor.dim(-1))));
            if (tensor.rank() == 4) {
                shape.addAll(List.of(Dimension.named("map_height"), Dimension.named("map_width")));
            } else if (tensor.rank() == 3) {
                shape.add(1, Dimension.of(tensor.dim(1)));  // rows (BlazeFace: one per anchor) of dim(-1) values
            } else if (tensor.rank() != 2) {
                throw new IllegalArgumentException(net.name() + ": output " + tensor + " is neither a map, rows nor a vector");
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

    void conv(TfliteOperator op) {
        OperatorOptions.Conv options = convOptions(op);
        TfliteTensor kernel = constant(op, 1);
        addInitializer(kernel, net.orientation().convKernelDims(kernel), net.orientation().convKernel(kernel));
        convNode(op, kernel, options.padding(), options.strideH(), options.strideW(), 1);
    }

    private OperatorOptions.Conv convOptions(TfliteOperator op) {
        OperatorOptions.Conv options = (OperatorOptions.Conv) op.options();
        requireNoActivation(op, options.activation());
        requireUndilated(op, options.dilationH(), options.dilationW());
        return options;
    }

    /**
     * {@link PaddedShortcutPattern}: the CONV_2D written as two Convs over the same input, one for the output
     * channels the shortcut meets and one for the rest, each with its Relu, and the two concatenated.
     */
    void paddedShortcut(PaddedShortcutPattern block) {
        TfliteOperator conv = block.conv();
        int met = graph.tensor(block.shortcut()).dim(-1);
        int channels = constant(conv, 1).dim(0);
        String output = name(block.output());
        String first = convOutputChannels(conv, 0, met, output);
        onnx.node("Add", first + "/shortcut", List.of(first, name(block.shortcut())), first + "/shortcut");
        onnx.node("Relu", output + "/first", List.of(first + "/shortcut"), output + "/first");
        String rest = convOutputChannels(conv, met, channels, output);
        onnx.node("Relu", output + "/rest", List.of(rest), output + "/rest");
        onnx.node("Concat", output, List.of(output + "/first", output + "/rest"), output,
                OnnxGraphBuilder.integer("axis", 1));
    }

    /** A Conv node computing output channels {@code from} to {@code to} of {@code op}; its output's name. */
    private String convOutputChannels(TfliteOperator op, int from, int to, String name) {
        OperatorOptions.Conv options = convOptions(op);
        TfliteTensor kernel = outputChannels(constant(op, 1), from, to);
        onnx.initializer(kernel.name(), net.orientation().convKernelDims(kernel), net.orientation().convKernel(kernel));
        List<String> inputs = new ArrayList<>(List.of(name(op.input(0)), kernel.name()));
        if (op.inputs().length > 2 && op.input(2) >= 0) {
            TfliteTensor bias = outputChannels(constant(op, 2), from, to);
            onnx.initializer(bias.name(), new long[] {bias.data().length}, bias.data());
            inputs.add(bias.name());
        }
        String output = name + "/conv_" + from + "_" + to;
        convNode(op, kernel, inputs, output, options.padding(), options.strideH(), options.strideW(), 1);
        return output;
    }

    /** Rows {@code from} to {@code to} of a kernel (OHWI) or bias, whose first axis is the output channel. */
    private static TfliteTensor outputChannels(TfliteTensor constant, int from, int to) {
        int perChannel = constant.data().length / constant.dim(0);
        int[] shape = constant.shape().clone();
        shape[0] = to - from;
        return new TfliteTensor(constant.index(), constant.name() + "/channels_" + from + "_" + to, shape,
                constant.type(), Arrays.copyOfRange(constant.data(), from * perChannel, to * perChannel), null);
    }

    /** A grouped ONNX Conv, one group per input channel; TFLite's kernel [1, kh, kw, out] read as [out, kh, kw, 1]. */
    void depthwiseConv(TfliteOperator op) {
        OperatorOptions.DepthwiseConv options = (OperatorOptions.DepthwiseConv) op.options();
        requireNoActivation(op, options.activation());
        requireUndilated(op, options.dilationH(), options.dilationW());
        TfliteTensor kernel = constant(op, 1);
        int channels = graph.tensor(op.input(0)).dim(-1);
        if (kernel.rank() != 4 || kernel.dim(0) != 1 || kernel.dim(3) != channels * options.depthMultiplier()) {
            throw unexpected(op, "has a kernel " + kernel + " that does not fit " + channels + " channels times "
                    + options.depthMultiplier());
        }
        TfliteTensor perOutput = depthwiseKernelAsOhwi(kernel);
        addInitializer(kernel, net.orientation().convKernelDims(perOutput), net.orientation().convKernel(perOutput));
        convNode(op, perOutput, options.padding(), options.strideH(), options.strideW(), channels);
    }

    private static TfliteTensor depthwiseKernelAsOhwi(TfliteTensor kernel) {
        int rows = kernel.dim(1);
        int cols = kernel.dim(2);
        int out = kernel.dim(3);
        float[] ohwi = new float[kernel.data().length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                for (int o = 0; o < out; o++) {
                    ohwi[(o * rows + r) * cols + c] = kernel.data()[(r * cols + c) * out + o];
                }
            }
        }
        return new TfliteTensor(kernel.index(), kernel.name(), new int[] {out, rows, cols, 1}, kernel.type(), ohwi,
                null);
    }

    /** The Conv node reading {@code kernel} (OHWI, already added as an initializer) and the op's bias. */
    private void convNode(TfliteOperator op, TfliteTensor kernel, Padding padding, int strideH, int strideW,
            int group) {
        List<String> inputs = new ArrayList<>(List.of(name(op.input(0)), kernel.name()));
        addBias(op, inputs);
        convNode(op, kernel, inputs, name(op.output()), padding, strideH, strideW, group);
    }

    /** A Conv node with the given inputs (map, kernel, bias) and output, shaped by {@code op} and its kernel. */
    private void convNode(TfliteOperator op, TfliteTensor kernel, List<String> inputs, String output,
            Padding padding, int strideH, int strideW, int group) {
        TfliteTensor input = graph.tensor(op.input(0));
        AxisPadding rows = axisPadding(op, padding, input.dim(1), kernel.dim(1), strideH);
        AxisPadding cols = axisPadding(op, padding, input.dim(2), kernel.dim(2), strideW);
        Orientation orientation = net.orientation();
        List<AttributeProto> attributes = new ArrayList<>(List.of(
                OnnxGraphBuilder.ints("kernel_shape", orientation.onnxPair(kernel.dim(1), kernel.dim(2))),
                OnnxGraphBuilder.ints("strides", orientation.onnxPair(strideH, strideW))));
        if (!rows.isNone() || !cols.isNone()) {
            attributes.add(OnnxGraphBuilder.ints("pads", orientation.onnxPads(rows, cols)));
        }
        if (group != 1) {
            attributes.add(OnnxGraphBuilder.integer("group", group));
        }
        onnx.node("Conv", output, inputs, output, attributes.toArray(AttributeProto[]::new));
    }

    /** TFLite's padding along one axis; SAME padding depends on the size, so it needs a fixed-size net. */
    private AxisPadding axisPadding(TfliteOperator op, Padding padding, int storedSize, int kernel, int stride) {
        if (padding == Padding.VALID || (kernel == 1 && stride == 1)) {
            return new AxisPadding(0, 0);
        }
        if (net.inputSize().isEmpty()) {
            throw unexpected(op, "pads (SAME with a kernel larger than 1x1) in a net of any input size");
        }
        return AxisPadding.of(padding, storedSize, kernel, stride);
    }

    void maxPool(TfliteOperator op) {
        OperatorOptions.Pool options = (OperatorOptions.Pool) op.options();
        requireNoActivation(op, options.activation());
        boolean ceilMode = options.padding() == Padding.SAME;
        if (ceilMode) {
            requireSameAsCeilMode(op, options);
        }
        Orientation orientation = net.orientation();
        onnx.node("MaxPool", name(op.output()), List.of(name(op.input(0))), name(op.output()),
                OnnxGraphBuilder.ints("kernel_shape", orientation.onnxPair(options.filterH(), options.filterW())),
                OnnxGraphBuilder.ints("strides", orientation.onnxPair(options.strideH(), options.strideW())),
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

    void fullyConnected(TfliteOperator op) {
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
            if (net.orientation() != Orientation.TRANSPOSED) {
                throw unexpected(op, "reads a map of an upright net (its columns would need another permutation)");
            }
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

    /** Two activations of one shape added (residual connections): the same sum in any layout. */
    void add(TfliteOperator op) {
        requireNoActivation(op, ((OperatorOptions.Arithmetic) op.options()).activation());
        TfliteTensor a = graph.tensor(op.input(0));
        TfliteTensor b = graph.tensor(op.input(1));
        if (a.isConstant() || b.isConstant() || !Arrays.equals(a.shape(), b.shape())) {
            throw unexpected(op, "adds a constant or broadcasts (NHWC broadcasting means something else in NCHW)");
        }
        onnx.node("Add", name(op.output()), List.of(name(a.index()), name(b.index())), name(op.output()));
    }

    /**
     * A 1x1 map to vectors, [N, 1, 1, C] to [N, C]: ONNX Flatten, the same in any layout, and with the
     * batch left dynamic where TFLite's stored target shape pins it. Any other map of a fixed-size net is
     * laid out in TFLite's NHWC order again and reshaped with its batch kept: BlazeFace's maps of anchors,
     * [N, H, W, anchors x k] to [N, H x W x anchors, k].
     */
    void reshape(TfliteOperator op) {
        TfliteTensor input = graph.tensor(op.input(0));
        TfliteTensor output = graph.tensor(op.output());
        boolean fixedMap = net.inputSize().isPresent() && input.rank() == 4;
        boolean keepsBatch = output.rank() >= 2 && output.rank() <= 3 && output.dim(0) == input.dim(0)
                && Arrays.stream(output.shape()).reduce(1, Math::multiplyExact)
                        == Arrays.stream(input.shape()).reduce(1, Math::multiplyExact);
        if (!fixedMap || !keepsBatch) {
            throw unexpected(op, "reshapes " + input + " to " + output
                    + ", not a map of a fixed-size net to vectors or rows");
        }
        if (input.dim(1) == 1 && input.dim(2) == 1 && output.rank() == 2) {
            onnx.node("Flatten", name(op.output()), List.of(name(input.index())), name(op.output()),
                    OnnxGraphBuilder.integer("axis", 1));
            return;
        }
        String nhwc = output.name() + "/nhwc";
        onnx.node("Transpose", nhwc, List.of(name(input.index())), nhwc,
                OnnxGraphBuilder.ints("perm", net.orientation().tfliteOrder()));
        long[] shape = Arrays.stream(output.shape()).asLongStream().toArray();
        shape[0] = 0;  // ONNX Reshape: 0 keeps the input's (dynamic) batch
        String shapeName = output.name() + "/shape";
        onnx.initializer(shapeName, new long[] {shape.length}, shape);
        onnx.node("Reshape", name(op.output()), List.of(nhwc, shapeName), name(op.output()));
    }

    /** Nothing to write: the reader has already made this operator's output the float32 constant it stands for. */
    void dequantize(TfliteOperator op) {
        if (graph.tensor(op.output()).data() == null) {
            throw unexpected(op, "dequantizes an activation, not a stored constant");
        }
    }

    void relu(TfliteOperator op) {
        onnx.node("Relu", name(op.output()), List.of(name(op.input(0))), name(op.output()));
    }

    /**
     * Zero padding by constant amounts (BlazeFace pads channels before a residual ADD): TFLite's [4, 2]
     * amounts per NHWC axis become ONNX's begins-then-ends per NCHW axis.
     */
    void pad(TfliteOperator op) {
        TfliteTensor input = graph.tensor(op.input(0));
        int[] amounts = graph.tensor(op.input(1)).intData();
        if (input.rank() != 4 || amounts == null || amounts.length != 8 || amounts[0] != 0 || amounts[1] != 0
                || op.inputs().length > 2) {
            throw unexpected(op, "is not a zero padding of a map by constant amounts, batch unpadded");
        }
        long[] pads = new long[8];
        for (int axis = 0; axis < 4; axis++) {
            int onnxAxis = net.orientation().onnxAxis(axis);
            pads[onnxAxis] = amounts[2 * axis];
            pads[4 + onnxAxis] = amounts[2 * axis + 1];
        }
        String padsName = graph.tensor(op.output()).name() + "/pads";
        onnx.initializer(padsName, new long[] {pads.length}, pads);
        onnx.node("Pad", name(op.output()), List.of(name(input.index()), padsName), name(op.output()));
    }

    /** Along a map's channels, rows or columns, or along the rows of what {@link #reshape} wrote (its TFLite layout). */
    void concatenation(TfliteOperator op) {
        OperatorOptions.Concatenation options = (OperatorOptions.Concatenation) op.options();
        requireNoActivation(op, options.activation());
        TfliteTensor first = graph.tensor(op.input(0));
        int axis = options.axis() < 0 ? options.axis() + first.rank() : options.axis();
        if (axis == 0) {
            throw unexpected(op, "concatenates along the batch");
        }
        int onnxAxis = first.rank() == 4 ? net.orientation().onnxAxis(axis) : axis;
        List<String> inputs = Arrays.stream(op.inputs()).mapToObj(this::name).toList();
        onnx.node("Concat", name(op.output()), inputs, name(op.output()), OnnxGraphBuilder.integer("axis", onnxAxis));
    }

    /**
     * ONNX Resize, linear, by the fixed factors of TFLite's constant output size, with TensorFlow's mapping of
     * output pixels onto the input: align_corners, half_pixel_centers, or neither (ONNX's "asymmetric").
     */
    void resizeBilinear(TfliteOperator op) {
        OperatorOptions.ResizeBilinear options = (OperatorOptions.ResizeBilinear) op.options();
        TfliteTensor input = graph.tensor(op.input(0));
        int[] size = graph.tensor(op.input(1)).intData();
        if (net.inputSize().isEmpty() || size == null || size.length != 2) {
            throw unexpected(op, "resizes to a size that is not a constant of a fixed-size net");
        }
        float rows = (float) size[0] / input.dim(1);
        float cols = (float) size[1] / input.dim(2);
        boolean upright = net.orientation() == Orientation.UPRIGHT;
        float[] scales = {1f, 1f, upright ? rows : cols, upright ? cols : rows};
        String scalesName = graph.tensor(op.output()).name() + "/scales";
        onnx.initializer(scalesName, new long[] {4}, scales);
        String mapping = options.alignCorners() ? "align_corners"
                : options.halfPixelCenters() ? "half_pixel" : "asymmetric";
        onnx.node("Resize", name(op.output()), List.of(name(input.index()), "", scalesName), name(op.output()),
                OnnxGraphBuilder.text("mode", "linear"),
                OnnxGraphBuilder.text("coordinate_transformation_mode", mapping));
    }

    /**
     * PReLU in nodes that ONNX Runtime runs fast, with the same values as ONNX PRelu (one of the two terms is always
     * zero, the other is {@code x} or {@code slope * x}). Its CPU PRelu with per-channel slopes is 27 times slower
     * than a Mul with the same broadcast (10x431x767 floats: 18.5 ms against 0.7), and took 39%, 55% and 47% of
     * P-Net's, R-Net's and O-Net's runs. On feature maps it is {@code Relu(x) + (-slope) * Relu(-x)}, both products
     * 1x1 convolutions of one channel each, which ONNX Runtime keeps in its blocked layout (a per-channel Mul sends
     * the map out of it and back); on vectors, {@code Relu(x) + slope * Min(x, 0)}.
     */
    void prelu(PreluPattern prelu) {
        String x = name(prelu.input());
        String y = name(prelu.output());
        onnx.node("Relu", y + "/positive", List.of(x), y + "/positive");
        if (graph.tensor(prelu.input()).rank() == 4) {
            preluNegativePartOfMaps(x, y, prelu.slopes());
        } else {
            preluNegativePartOfVectors(x, y, prelu);
        }
        onnx.node("Add", y, List.of(y + "/positive", y + "/sloped"), y);
    }

    /** {@code y/sloped = (-slope) * Relu((-1) * x)}, the products as per-channel 1x1 convolutions. */
    private void preluNegativePartOfMaps(String x, String y, float[] slopes) {
        int channels = slopes.length;
        float[] minusOne = new float[channels];
        float[] minusSlopes = new float[channels];
        for (int c = 0; c < channels; c++) {
            minusOne[c] = -1f;
            minusSlopes[c] = -slopes[c];
        }
        long[] perChannelKernel = {channels, 1, 1, 1};
        onnx.initializer(y + "/minus_one", perChannelKernel, minusOne);
        onnx.initializer(y + "/minus_slopes", perChannelKernel, minusSlopes);
        AttributeProto[] perChannel = {OnnxGraphBuilder.ints("kernel_shape", 1, 1),
                OnnxGraphBuilder.integer("group", channels)};
        onnx.node("Conv", y + "/negated", List.of(x, y + "/minus_one"), y + "/negated", perChannel);
        onnx.node("Relu", y + "/negative", List.of(y + "/negated"), y + "/negative");
        onnx.node("Conv", y + "/sloped", List.of(y + "/negative", y + "/minus_slopes"), y + "/sloped", perChannel);
    }

    /** {@code y/sloped = slope * Min(x, 0)}. */
    private void preluNegativePartOfVectors(String x, String y, PreluPattern prelu) {
        TfliteTensor alpha = prelu.alpha();
        addInitializer(alpha, new long[] {alpha.data().length}, prelu.slopes());
        if (!zeroAdded) {
            onnx.initializer(ZERO, new long[0], new float[] {0f});
            zeroAdded = true;
        }
        onnx.node("Min", y + "/negative", List.of(x, ZERO), y + "/negative");
        onnx.node("Mul", y + "/sloped", List.of(y + "/negative", alpha.name()), y + "/sloped");
    }

    void softmax(TfliteOperator op) {
        if (((OperatorOptions.Softmax) op.options()).beta() != 1f) {
            throw unexpected(op, "has beta other than 1");
        }
        softmaxNode(op.input(0), op.output(), op);
    }

    void softmax(SoftmaxPattern softmax) {
        softmaxNode(softmax.input(), softmax.output(), graph.operators().get(softmax.anchor()));
    }

    /** Softmax over TFLite's last axis, the channels, which is axis 1 in ONNX's NCHW (and in [N, C]). */
    private void softmaxNode(int input, int output, TfliteOperator op) {
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
        for (TfliteNet.Output output : net.outputs()) {
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

    private void requireUndilated(TfliteOperator op, int dilationH, int dilationW) {
        if (dilationH != 1 || dilationW != 1) {
            throw unexpected(op, "is dilated");
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
