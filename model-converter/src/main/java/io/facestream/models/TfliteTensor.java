package io.facestream.models;

import java.util.Arrays;

/**
 * One tensor of a TFLite subgraph. {@code data} holds the float32 values of a constant tensor
 * (weights, biases, alphas, axes as ints are kept in {@code intData}); both are null for activations.
 */
record TfliteTensor(int index, String name, int[] shape, int type, float[] data, int[] intData) {
    static final int FLOAT32 = 0;
    static final int FLOAT16 = 1;
    static final int INT32 = 2;

    boolean isConstant() {
        return data != null || intData != null;
    }

    int rank() {
        return shape.length;
    }

    int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    @Override
    public String toString() {
        return "#" + index + " '" + name + "' " + Arrays.toString(shape) + (isConstant() ? " const" : "");
    }
}
