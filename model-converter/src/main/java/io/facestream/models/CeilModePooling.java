package io.facestream.models;

import io.facestream.models.OperatorOptions.Padding;
import java.util.OptionalInt;

/**
 * Decides whether TFLite's SAME pooling equals ONNX MaxPool with {@code ceil_mode=1} and no pads
 * (Caffe's pooling, which MTCNN was trained with). They agree when SAME pads nothing in front:
 * SAME puts {@code floor(total/2)} of its padding before the data, ceil mode puts all of it after.
 */
final class CeilModePooling {
    private CeilModePooling() {
    }

    /**
     * Whether the two agree along one axis: for the given input size when it is known, else for every
     * size (true exactly when kernel equals stride and the stride is at most 2, so padding is 0 or 1).
     */
    static boolean reproducesSame(int kernel, int stride, OptionalInt inputSize) {
        if (inputSize.isEmpty()) {
            return kernel == stride && stride <= 2;
        }
        int in = inputSize.getAsInt();
        int sameOut = ceilDiv(in, stride);
        int ceilOut = ceilDiv(in - kernel, stride) + 1;
        return AxisPadding.of(Padding.SAME, in, kernel, stride).before() == 0 && ceilOut == sameOut;
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
