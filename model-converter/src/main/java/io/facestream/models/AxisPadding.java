package io.facestream.models;

import io.facestream.models.OperatorOptions.Padding;

/** TFLite's padding along one spatial axis: SAME puts {@code floor(total / 2)} in front, the rest after. */
record AxisPadding(int before, int after) {

    static AxisPadding of(Padding padding, int in, int kernel, int stride) {
        if (padding == Padding.VALID) {
            return new AxisPadding(0, 0);
        }
        int out = (in + stride - 1) / stride;
        int total = Math.max((out - 1) * stride + kernel - in, 0);
        return new AxisPadding(total / 2, total - total / 2);
    }

    boolean isNone() {
        return before == 0 && after == 0;
    }
}
