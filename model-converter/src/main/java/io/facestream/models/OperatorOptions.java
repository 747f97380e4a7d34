package io.facestream.models;

/** The builtin options of one TFLite operator, as far as the converted graphs need them. */
sealed interface OperatorOptions {

    enum Padding { SAME, VALID }

    /** TFLite's ActivationFunctionType, in schema order. */
    enum Activation { NONE, RELU, RELU_N1_TO_1, RELU6, TANH, SIGN_BIT, SIGMOID }

    record None() implements OperatorOptions {
    }

    record Conv(Padding padding, int strideH, int strideW, int dilationH, int dilationW, Activation activation)
            implements OperatorOptions {
    }

    /** DEPTHWISE_CONV_2D: each input channel convolved alone into {@code depthMultiplier} output channels. */
    record DepthwiseConv(Padding padding, int strideH, int strideW, int depthMultiplier, int dilationH,
            int dilationW, Activation activation) implements OperatorOptions {
    }

    record Pool(Padding padding, int strideH, int strideW, int filterH, int filterW, Activation activation)
            implements OperatorOptions {
    }

    record FullyConnected(Activation activation, int weightsFormat, boolean keepNumDims) implements OperatorOptions {
    }

    /** ADD, SUB, MUL, DIV. */
    record Arithmetic(Activation activation) implements OperatorOptions {
    }

    record Reshape(int[] newShape) implements OperatorOptions {
    }

    /** REDUCE_MAX, SUM; the axes are the operator's second (constant) input. */
    record Reducer(boolean keepDims) implements OperatorOptions {
    }

    record Softmax(float beta) implements OperatorOptions {
    }

    /** CONCATENATION along TFLite axis {@code axis} (negative counts from the end). */
    record Concatenation(int axis, Activation activation) implements OperatorOptions {
    }

    /** RESIZE_BILINEAR: how output pixel centres map onto the input, as TensorFlow's two flags say. */
    record ResizeBilinear(boolean alignCorners, boolean halfPixelCenters) implements OperatorOptions {
    }

    static Padding padding(int code) {
        return Padding.values()[code];
    }

    static Activation activation(int code) {
        return Activation.values()[code];
    }
}
