package io.facestream.models;

import java.util.Arrays;

/** A dense row-major float tensor for the reference interpreter. */
record NdArray(int[] shape, float[] data) {

    NdArray {
        if (size(shape) != data.length) {
            throw new IllegalArgumentException(Arrays.toString(shape) + " does not hold " + data.length + " values");
        }
    }

    static NdArray zeros(int... shape) {
        return new NdArray(shape, new float[size(shape)]);
    }

    static int size(int[] shape) {
        int size = 1;
        for (int dim : shape) {
            size *= dim;
        }
        return size;
    }

    int rank() {
        return shape.length;
    }

    int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    /** Row-major strides; broadcast axes (size 1 against a larger output) get stride 0 in {@link #broadcastStrides}. */
    int[] strides() {
        int[] strides = new int[shape.length];
        int stride = 1;
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            strides[axis] = stride;
            stride *= shape[axis];
        }
        return strides;
    }

    /** Strides for reading this tensor as if it had {@code outShape} (numpy broadcasting, aligned right). */
    int[] broadcastStrides(int[] outShape) {
        int[] own = strides();
        int[] strides = new int[outShape.length];
        int offset = outShape.length - shape.length;
        for (int axis = 0; axis < shape.length; axis++) {
            strides[axis + offset] = shape[axis] == 1 ? 0 : own[axis];
        }
        return strides;
    }

    NdArray reshaped(int... newShape) {
        return new NdArray(newShape, data);
    }
}
