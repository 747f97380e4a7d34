package io.facestream.models;

import io.facestream.models.OperatorOptions.Activation;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the one subgraph of a float32 TensorFlow Lite flatbuffer into a {@link TfliteGraph}. */
final class TfliteReader {
    private static final String FILE_IDENTIFIER = "TFL3";

    private TfliteReader() {
    }

    static TfliteGraph read(byte[] flatbuffer) {
        requireIdentifier(flatbuffer);
        TfliteSchema.Model model = TfliteSchema.Model.of(ByteBuffer.wrap(flatbuffer));
        if (model.subgraphCount() != 1) {
            throw new IllegalArgumentException("expected one subgraph, found " + model.subgraphCount());
        }
        TfliteSchema.SubGraph subgraph = model.subgraph(0);
        List<TfliteTensor> tensors = new ArrayList<>();
        for (int i = 0; i < subgraph.tensorCount(); i++) {
            tensors.add(tensor(i, subgraph.tensor(i), model));
        }
        List<TfliteOperator> operators = new ArrayList<>();
        for (int i = 0; i < subgraph.operatorCount(); i++) {
            operators.add(operator(i, subgraph.operator(i), model));
        }
        foldDequantizedConstants(tensors, operators);
        return new TfliteGraph(List.copyOf(tensors), List.copyOf(operators), subgraph.inputs(), subgraph.outputs());
    }

    /**
     * Weights stored as float16 reach the graph through DEQUANTIZE operators (BlazeFace): their outputs become
     * float32 constants holding the widened values, so every other operator finds its weights where float32 files
     * keep them. The DEQUANTIZE operators stay in the graph, and write nothing.
     */
    private static void foldDequantizedConstants(List<TfliteTensor> tensors, List<TfliteOperator> operators) {
        for (TfliteOperator op : operators) {
            TfliteTensor input = tensors.get(op.input(0));
            if (op.op() == BuiltinOperator.DEQUANTIZE && input.data() != null) {
                TfliteTensor output = tensors.get(op.output());
                tensors.set(output.index(), new TfliteTensor(output.index(), output.name(), output.shape(),
                        TfliteTensor.FLOAT32, input.data(), null));
            }
        }
    }

    private static void requireIdentifier(byte[] flatbuffer) {
        if (flatbuffer.length < 8 || !FILE_IDENTIFIER.equals(new String(flatbuffer, 4, 4, StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("not a TensorFlow Lite model (no " + FILE_IDENTIFIER + " identifier)");
        }
    }

    private static TfliteTensor tensor(int index, TfliteSchema.Tensor tensor, TfliteSchema.Model model) {
        byte[] bytes = tensor.buffer() > 0 ? model.buffer(tensor.buffer()).data() : new byte[0];
        float[] floats = null;
        int[] ints = null;
        if (bytes.length > 0) {
            ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            switch (tensor.type()) {
                case TfliteTensor.FLOAT32 -> {
                    floats = new float[bytes.length / 4];
                    data.asFloatBuffer().get(floats);
                }
                case TfliteTensor.FLOAT16 -> {
                    floats = new float[bytes.length / 2];
                    for (int i = 0; i < floats.length; i++) {
                        floats[i] = halfToFloat(data.getShort());
                    }
                }
                case TfliteTensor.INT32 -> {
                    ints = new int[bytes.length / 4];
                    data.asIntBuffer().get(ints);
                }
                default -> throw new IllegalArgumentException("tensor '" + tensor.name()
                        + "' has unsupported type code " + tensor.type() + " (only float32, float16 and int32 are read)");
            }
        }
        return new TfliteTensor(index, tensor.name(), tensor.shape(), tensor.type(), floats, ints);
    }

    /** An IEEE 754 half-precision value widened exactly (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1f;
        int mantissa = half & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float subnormal = mantissa * 0x1p-24f;
            return sign == 0 ? subnormal : -subnormal;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    private static TfliteOperator operator(int index, TfliteSchema.Operator operator, TfliteSchema.Model model) {
        BuiltinOperator op = BuiltinOperator.ofCode(model.operatorCode(operator.opcodeIndex()).builtinCode());
        return new TfliteOperator(index, op, operator.inputs(), operator.outputs(), options(op, operator));
    }

    private static OperatorOptions options(BuiltinOperator op, TfliteSchema.Operator operator) {
        return switch (op) {
            case CONV_2D -> conv(operator.builtinOptions(new TfliteSchema.Conv2DOptions()));
            case DEPTHWISE_CONV_2D -> depthwiseConv(
                    operator.builtinOptions(new TfliteSchema.DepthwiseConv2DOptions()));
            case MAX_POOL_2D, AVERAGE_POOL_2D -> pool(operator.builtinOptions(new TfliteSchema.Pool2DOptions()));
            case FULLY_CONNECTED -> fullyConnected(
                    operator.builtinOptions(new TfliteSchema.FullyConnectedOptions()));
            case ADD, SUB, MUL, DIV -> arithmetic(operator.builtinOptions(new TfliteSchema.ArithmeticOptions()));
            case RESHAPE -> reshape(operator.builtinOptions(new TfliteSchema.ReshapeOptions()));
            case SUM, REDUCE_MAX, MEAN -> reducer(operator.builtinOptions(new TfliteSchema.ReducerOptions()));
            case SOFTMAX -> softmax(operator.builtinOptions(new TfliteSchema.SoftmaxOptions()));
            case CONCATENATION -> concatenation(operator.builtinOptions(new TfliteSchema.ConcatenationOptions()));
            case RESIZE_BILINEAR -> resizeBilinear(
                    operator.builtinOptions(new TfliteSchema.ResizeBilinearOptions()));
            default -> new OperatorOptions.None();
        };
    }

    private static OperatorOptions conv(TfliteSchema.Conv2DOptions o) {
        return new OperatorOptions.Conv(OperatorOptions.padding(o.padding()), o.strideH(), o.strideW(),
                o.dilationH(), o.dilationW(), OperatorOptions.activation(o.fusedActivation()));
    }

    private static OperatorOptions depthwiseConv(TfliteSchema.DepthwiseConv2DOptions o) {
        return new OperatorOptions.DepthwiseConv(OperatorOptions.padding(o.padding()), o.strideH(), o.strideW(),
                o.depthMultiplier(), o.dilationH(), o.dilationW(), OperatorOptions.activation(o.fusedActivation()));
    }

    private static OperatorOptions pool(TfliteSchema.Pool2DOptions o) {
        return new OperatorOptions.Pool(OperatorOptions.padding(o.padding()), o.strideH(), o.strideW(),
                o.filterHeight(), o.filterWidth(), OperatorOptions.activation(o.fusedActivation()));
    }

    private static OperatorOptions fullyConnected(TfliteSchema.FullyConnectedOptions o) {
        return o == null ? new OperatorOptions.FullyConnected(Activation.NONE, 0, false)
                : new OperatorOptions.FullyConnected(OperatorOptions.activation(o.fusedActivation()),
                        o.weightsFormat(), o.keepNumDims());
    }

    private static OperatorOptions arithmetic(TfliteSchema.ArithmeticOptions o) {
        return new OperatorOptions.Arithmetic(o == null ? Activation.NONE
                : OperatorOptions.activation(o.fusedActivation()));
    }

    private static OperatorOptions reshape(TfliteSchema.ReshapeOptions o) {
        return new OperatorOptions.Reshape(o == null ? null : o.newShape());
    }

    private static OperatorOptions reducer(TfliteSchema.ReducerOptions o) {
        return new OperatorOptions.Reducer(o != null && o.keepDims());
    }

    private static OperatorOptions concatenation(TfliteSchema.ConcatenationOptions o) {
        return o == null ? new OperatorOptions.Concatenation(0, Activation.NONE)
                : new OperatorOptions.Concatenation(o.axis(), OperatorOptions.activation(o.fusedActivation()));
    }

    private static OperatorOptions resizeBilinear(TfliteSchema.ResizeBilinearOptions o) {
        return o == null ? new OperatorOptions.ResizeBilinear(false, false)
                : new OperatorOptions.ResizeBilinear(o.alignCorners(), o.halfPixelCenters());
    }

    private static OperatorOptions softmax(TfliteSchema.SoftmaxOptions o) {
        return new OperatorOptions.Softmax(o == null ? 1f : o.beta());
    }
}
