package io.facestream.models;

import io.facestream.models.OperatorOptions.Activation;
import io.facestream.models.OperatorOptions.Padding;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;

/**
 * A plain, slow reference: runs a TFLite graph op by op with TFLite's own semantics (NHWC,
 * TFLite's SAME/VALID arithmetic, numpy broadcasting), independent of the ONNX conversion.
 * Shapes are recomputed from the input, so the fully convolutional P-Net runs at any size, and
 * every image of a batch is computed (MobileFaceNet's graph pins a batch of 2).
 */
final class TfliteInterpreter {
    private final TfliteGraph graph;
    private final Map<Integer, NdArray> values = new HashMap<>();

    private TfliteInterpreter(TfliteGraph graph) {
        this.graph = graph;
    }

    /** Graph outputs by TFLite tensor name, for one NHWC input. */
    static Map<String, NdArray> run(TfliteGraph graph, NdArray input) {
        return new TfliteInterpreter(graph).execute(input);
    }

    private Map<String, NdArray> execute(NdArray input) {
        values.put(graph.input().index(), input);
        for (TfliteOperator op : graph.operators()) {
            values.put(op.output(), evaluate(op));
        }
        Map<String, NdArray> outputs = new LinkedHashMap<>();
        for (int output : graph.outputs()) {
            outputs.put(graph.tensor(output).name(), values.get(output));
        }
        return outputs;
    }

    private NdArray evaluate(TfliteOperator op) {
        return switch (op.op()) {
            case CONV_2D -> conv(op, (OperatorOptions.Conv) op.options());
            case DEPTHWISE_CONV_2D -> depthwiseConv(op, (OperatorOptions.DepthwiseConv) op.options());
            case MAX_POOL_2D -> maxPool(in(op, 0), (OperatorOptions.Pool) op.options());
            case FULLY_CONNECTED -> fullyConnected(op, (OperatorOptions.FullyConnected) op.options());
            case RELU -> map(in(op, 0), x -> Math.max(x, 0));
            case NEG -> map(in(op, 0), x -> -x);
            case ABS -> map(in(op, 0), Math::abs);
            case EXP -> map(in(op, 0), Math::exp);
            case ADD -> activate(broadcast(in(op, 0), in(op, 1), Double::sum), op);
            case SUB -> activate(broadcast(in(op, 0), in(op, 1), (a, b) -> a - b), op);
            case MUL -> activate(broadcast(in(op, 0), in(op, 1), (a, b) -> a * b), op);
            case DIV -> activate(broadcast(in(op, 0), in(op, 1), (a, b) -> a / b), op);
            case REDUCE_MAX -> reduce(op, Float.NEGATIVE_INFINITY, Math::max);
            case SUM -> reduce(op, 0, Double::sum);
            case RESHAPE -> reshape(op);
            case SOFTMAX -> softmax(in(op, 0), ((OperatorOptions.Softmax) op.options()).beta());
            case DEQUANTIZE -> in(op, 0);
            case PAD -> pad(in(op, 0), ints(op, 1));
            case CONCATENATION -> concatenate(op, ((OperatorOptions.Concatenation) op.options()).axis());
            case RESIZE_BILINEAR -> resizeBilinear(in(op, 0), ints(op, 1),
                    (OperatorOptions.ResizeBilinear) op.options());
            default -> throw new UnsupportedOperationException("reference interpreter lacks " + op);
        };
    }

    private NdArray in(TfliteOperator op, int i) {
        int index = op.input(i);
        NdArray value = values.get(index);
        if (value != null) {
            return value;
        }
        TfliteTensor constant = graph.tensor(index);
        if (constant.data() != null) {
            return new NdArray(constant.shape(), constant.data());
        }
        throw new IllegalStateException(op + " reads " + constant + " before it is computed");
    }

    private int[] ints(TfliteOperator op, int i) {
        return graph.tensor(op.input(i)).intData();
    }

    private NdArray conv(TfliteOperator op, OperatorOptions.Conv options) {
        NdArray x = in(op, 0);
        NdArray kernel = in(op, 1);
        float[] bias = op.inputs().length > 2 && op.input(2) >= 0 ? in(op, 2).data() : null;
        int outChannels = kernel.dim(0);
        int kh = kernel.dim(1);
        int kw = kernel.dim(2);
        int inChannels = kernel.dim(3);
        Window rows = Window.of(options.padding(), x.dim(1), kh, options.strideH());
        Window cols = Window.of(options.padding(), x.dim(2), kw, options.strideW());
        NdArray y = NdArray.zeros(x.dim(0), rows.out(), cols.out(), outChannels);
        for (int n = 0; n < x.dim(0); n++) {
            for (int r = 0; r < rows.out(); r++) {
                for (int c = 0; c < cols.out(); c++) {
                    for (int o = 0; o < outChannels; o++) {
                        double sum = bias == null ? 0 : bias[o];
                        for (int i = 0; i < kh; i++) {
                            int sr = r * options.strideH() - rows.padBefore() + i;
                            for (int j = 0; j < kw; j++) {
                                int sc = c * options.strideW() - cols.padBefore() + j;
                                if (sr < 0 || sr >= x.dim(1) || sc < 0 || sc >= x.dim(2)) {
                                    continue;
                                }
                                for (int ch = 0; ch < inChannels; ch++) {
                                    sum += kernel.data()[((o * kh + i) * kw + j) * inChannels + ch]
                                            * x.data()[((n * x.dim(1) + sr) * x.dim(2) + sc) * inChannels + ch];
                                }
                            }
                        }
                        y.data()[((n * rows.out() + r) * cols.out() + c) * outChannels + o] = (float) sum;
                    }
                }
            }
        }
        return activate(y, options.activation());
    }

    /** Kernel [1, kh, kw, channels * multiplier]: output channel {@code ch * multiplier + m} reads input channel ch. */
    private NdArray depthwiseConv(TfliteOperator op, OperatorOptions.DepthwiseConv options) {
        NdArray x = in(op, 0);
        NdArray kernel = in(op, 1);
        float[] bias = op.inputs().length > 2 && op.input(2) >= 0 ? in(op, 2).data() : null;
        int kh = kernel.dim(1);
        int kw = kernel.dim(2);
        int outChannels = kernel.dim(3);
        int inChannels = x.dim(3);
        int multiplier = options.depthMultiplier();
        Window rows = Window.of(options.padding(), x.dim(1), kh, options.strideH());
        Window cols = Window.of(options.padding(), x.dim(2), kw, options.strideW());
        NdArray y = NdArray.zeros(x.dim(0), rows.out(), cols.out(), outChannels);
        for (int n = 0; n < x.dim(0); n++) {
            for (int r = 0; r < rows.out(); r++) {
                for (int c = 0; c < cols.out(); c++) {
                    for (int o = 0; o < outChannels; o++) {
                        double sum = bias == null ? 0 : bias[o];
                        for (int i = 0; i < kh; i++) {
                            int sr = r * options.strideH() - rows.padBefore() + i;
                            for (int j = 0; j < kw; j++) {
                                int sc = c * options.strideW() - cols.padBefore() + j;
                                if (sr >= 0 && sr < x.dim(1) && sc >= 0 && sc < x.dim(2)) {
                                    sum += kernel.data()[(i * kw + j) * outChannels + o]
                                            * x.data()[((n * x.dim(1) + sr) * x.dim(2) + sc) * inChannels
                                                    + o / multiplier];
                                }
                            }
                        }
                        y.data()[((n * rows.out() + r) * cols.out() + c) * outChannels + o] = (float) sum;
                    }
                }
            }
        }
        return activate(y, options.activation());
    }

    private NdArray maxPool(NdArray x, OperatorOptions.Pool options) {
        Window rows = Window.of(options.padding(), x.dim(1), options.filterH(), options.strideH());
        Window cols = Window.of(options.padding(), x.dim(2), options.filterW(), options.strideW());
        int channels = x.dim(3);
        NdArray y = NdArray.zeros(x.dim(0), rows.out(), cols.out(), channels);
        for (int n = 0; n < x.dim(0); n++) {
            for (int r = 0; r < rows.out(); r++) {
                for (int c = 0; c < cols.out(); c++) {
                    for (int ch = 0; ch < channels; ch++) {
                        float max = Float.NEGATIVE_INFINITY;
                        for (int i = 0; i < options.filterH(); i++) {
                            int sr = r * options.strideH() - rows.padBefore() + i;
                            for (int j = 0; j < options.filterW(); j++) {
                                int sc = c * options.strideW() - cols.padBefore() + j;
                                if (sr >= 0 && sr < x.dim(1) && sc >= 0 && sc < x.dim(2)) {
                                    max = Math.max(max, x.data()[((n * x.dim(1) + sr) * x.dim(2) + sc) * channels + ch]);
                                }
                            }
                        }
                        y.data()[((n * rows.out() + r) * cols.out() + c) * channels + ch] = max;
                    }
                }
            }
        }
        return activate(y, options.activation());
    }

    /** TFLite's output size and front padding along one axis (dilation 1). */
    private record Window(int out, int padBefore) {
        static Window of(Padding padding, int in, int kernel, int stride) {
            if (padding == Padding.VALID) {
                return new Window((in - kernel + stride) / stride, 0);
            }
            int out = (in + stride - 1) / stride;
            int total = Math.max((out - 1) * stride + kernel - in, 0);
            return new Window(out, total / 2);
        }
    }

    private NdArray fullyConnected(TfliteOperator op, OperatorOptions.FullyConnected options) {
        NdArray x = in(op, 0);
        NdArray weights = in(op, 1);
        float[] bias = op.inputs().length > 2 && op.input(2) >= 0 ? in(op, 2).data() : null;
        int outputs = weights.dim(0);
        int inputs = weights.dim(1);
        int rows = x.data().length / inputs;
        NdArray y = NdArray.zeros(rows, outputs);
        for (int n = 0; n < rows; n++) {
            for (int o = 0; o < outputs; o++) {
                double sum = bias == null ? 0 : bias[o];
                for (int i = 0; i < inputs; i++) {
                    sum += weights.data()[o * inputs + i] * x.data()[n * inputs + i];
                }
                y.data()[n * outputs + o] = (float) sum;
            }
        }
        return activate(y, options.activation());
    }

    private static NdArray map(NdArray x, DoubleUnaryOperator f) {
        float[] out = new float[x.data().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) f.applyAsDouble(x.data()[i]);
        }
        return new NdArray(x.shape(), out);
    }

    private static NdArray broadcast(NdArray a, NdArray b, DoubleBinaryOperator f) {
        int rank = Math.max(a.rank(), b.rank());
        int[] shape = new int[rank];
        for (int axis = 0; axis < rank; axis++) {
            int da = axis < rank - a.rank() ? 1 : a.shape()[axis - (rank - a.rank())];
            int db = axis < rank - b.rank() ? 1 : b.shape()[axis - (rank - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("cannot broadcast " + da + " against " + db);
            }
            shape[axis] = Math.max(da, db);
        }
        int[] sa = a.broadcastStrides(shape);
        int[] sb = b.broadcastStrides(shape);
        NdArray out = NdArray.zeros(shape);
        int[] index = new int[rank];
        for (int flat = 0; flat < out.data().length; flat++) {
            int ia = 0;
            int ib = 0;
            for (int axis = 0; axis < rank; axis++) {
                ia += index[axis] * sa[axis];
                ib += index[axis] * sb[axis];
            }
            out.data()[flat] = (float) f.applyAsDouble(a.data()[ia], b.data()[ib]);
            increment(index, shape);
        }
        return out;
    }

    private static void increment(int[] index, int[] shape) {
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            if (++index[axis] < shape[axis]) {
                return;
            }
            index[axis] = 0;
        }
    }

    private NdArray reduce(TfliteOperator op, float identity, DoubleBinaryOperator f) {
        NdArray x = in(op, 0);
        boolean[] reduced = new boolean[x.rank()];
        for (int axis : ints(op, 1)) {
            reduced[axis < 0 ? axis + x.rank() : axis] = true;
        }
        int[] keptShape = x.shape().clone();
        for (int axis = 0; axis < x.rank(); axis++) {
            keptShape[axis] = reduced[axis] ? 1 : x.dim(axis);
        }
        NdArray out = NdArray.zeros(keptShape);
        Arrays.fill(out.data(), identity);
        int[] outStrides = out.broadcastStrides(x.shape());
        int[] index = new int[x.rank()];
        for (int flat = 0; flat < x.data().length; flat++) {
            int target = 0;
            for (int axis = 0; axis < x.rank(); axis++) {
                target += index[axis] * outStrides[axis];
            }
            out.data()[target] = (float) f.applyAsDouble(out.data()[target], x.data()[flat]);
            increment(index, x.shape());
        }
        boolean keepDims = ((OperatorOptions.Reducer) op.options()).keepDims();
        return keepDims ? out : out.reshaped(IntStream.range(0, x.rank())
                .filter(axis -> !reduced[axis]).map(x::dim).toArray());
    }

    private NdArray reshape(TfliteOperator op) {
        NdArray x = in(op, 0);
        int[] shape = op.inputs().length > 1 ? ints(op, 1) : ((OperatorOptions.Reshape) op.options()).newShape();
        shape = shape.clone();
        int known = 1;
        int unknown = -1;
        for (int axis = 0; axis < shape.length; axis++) {
            if (shape[axis] == -1) {
                unknown = axis;
            } else {
                known *= shape[axis];
            }
        }
        if (unknown >= 0) {
            shape[unknown] = x.data().length / known;
        }
        return x.reshaped(shape);
    }

    /** Zeros around {@code x}: {@code amounts[2 * axis]} before and {@code amounts[2 * axis + 1]} after each axis. */
    private static NdArray pad(NdArray x, int[] amounts) {
        int[] shape = new int[x.rank()];
        for (int axis = 0; axis < shape.length; axis++) {
            shape[axis] = x.dim(axis) + amounts[2 * axis] + amounts[2 * axis + 1];
        }
        NdArray out = NdArray.zeros(shape);
        int[] outStrides = out.strides();
        int[] index = new int[x.rank()];
        for (int flat = 0; flat < x.data().length; flat++) {
            int target = 0;
            for (int axis = 0; axis < shape.length; axis++) {
                target += (index[axis] + amounts[2 * axis]) * outStrides[axis];
            }
            out.data()[target] = x.data()[flat];
            increment(index, x.shape());
        }
        return out;
    }

    private NdArray concatenate(TfliteOperator op, int axisOption) {
        NdArray first = in(op, 0);
        int axis = axisOption < 0 ? axisOption + first.rank() : axisOption;
        int outer = 1;
        for (int a = 0; a < axis; a++) {
            outer *= first.dim(a);
        }
        int[] shape = first.shape().clone();
        shape[axis] = 0;
        for (int i = 0; i < op.inputs().length; i++) {
            shape[axis] += in(op, i).dim(axis);
        }
        float[] out = new float[NdArray.size(shape)];
        int written = 0;
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < op.inputs().length; i++) {
                NdArray part = in(op, i);
                int block = part.data().length / outer;
                System.arraycopy(part.data(), o * block, out, written, block);
                written += block;
            }
        }
        return new NdArray(shape, out);
    }

    /** TensorFlow's ResizeBilinear on NHWC: its scale, its two pixel-centre conventions, its clamping at the edges. */
    private static NdArray resizeBilinear(NdArray x, int[] size, OperatorOptions.ResizeBilinear options) {
        int inH = x.dim(1);
        int inW = x.dim(2);
        int channels = x.dim(3);
        NdArray y = NdArray.zeros(x.dim(0), size[0], size[1], channels);
        for (int n = 0; n < x.dim(0); n++) {
            for (int r = 0; r < size[0]; r++) {
                double[] rows = sourceCoordinate(r, inH, size[0], options);
                for (int c = 0; c < size[1]; c++) {
                    double[] cols = sourceCoordinate(c, inW, size[1], options);
                    for (int ch = 0; ch < channels; ch++) {
                        double top = lerp(x, n, (int) rows[0], (int) cols[0], (int) cols[1], cols[2], ch);
                        double bottom = lerp(x, n, (int) rows[1], (int) cols[0], (int) cols[1], cols[2], ch);
                        y.data()[((n * size[0] + r) * size[1] + c) * channels + ch] =
                                (float) (top + (bottom - top) * rows[2]);
                    }
                }
            }
        }
        return y;
    }

    /** Lower source index, upper source index and the weight of the upper one. */
    private static double[] sourceCoordinate(int out, int inSize, int outSize, OperatorOptions.ResizeBilinear options) {
        double scale = options.alignCorners() && outSize > 1 ? (inSize - 1) / (double) (outSize - 1)
                : inSize / (double) outSize;
        double source = options.halfPixelCenters() ? (out + 0.5) * scale - 0.5 : out * scale;
        double floor = Math.floor(source);
        int lower = (int) Math.max(floor, 0);
        int upper = (int) Math.min(options.halfPixelCenters() ? Math.ceil(source) : floor + 1, inSize - 1);
        return new double[] {lower, upper, source - floor};
    }

    private static double lerp(NdArray x, int n, int row, int left, int right, double weight, int ch) {
        int w = x.dim(2);
        int channels = x.dim(3);
        double a = x.data()[((n * x.dim(1) + row) * w + left) * channels + ch];
        double b = x.data()[((n * x.dim(1) + row) * w + right) * channels + ch];
        return a + (b - a) * weight;
    }

    private static NdArray softmax(NdArray x, float beta) {
        int channels = x.dim(-1);
        float[] out = new float[x.data().length];
        for (int start = 0; start < out.length; start += channels) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < channels; c++) {
                max = Math.max(max, x.data()[start + c]);
            }
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += Math.exp(beta * (x.data()[start + c] - max));
            }
            for (int c = 0; c < channels; c++) {
                out[start + c] = (float) (Math.exp(beta * (x.data()[start + c] - max)) / sum);
            }
        }
        return new NdArray(x.shape(), out);
    }

    private static NdArray activate(NdArray y, TfliteOperator op) {
        return activate(y, ((OperatorOptions.Arithmetic) op.options()).activation());
    }

    private static NdArray activate(NdArray y, Activation activation) {
        return switch (activation) {
            case NONE -> y;
            case RELU -> map(y, v -> Math.max(v, 0));
            case RELU6 -> map(y, v -> Math.min(Math.max(v, 0), 6));
            default -> throw new UnsupportedOperationException("fused activation " + activation);
        };
    }
}
