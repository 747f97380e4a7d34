package io.facestream.models;

/**
 * How a TFLite net saw the image, and so where its spatial axes go in the ONNX model, which always
 * takes the photo upright in NCHW.
 */
enum Orientation {
    /** Rows as rows: a TFLite activation at [n][y][x][c] is the ONNX activation at [n][c][y][x]. */
    UPRIGHT,
    /**
     * Rows and columns swapped, as MTCNN's Caffe/MATLAB training fed it: a TFLite activation at
     * [n][row][col][c] is the ONNX activation at [n][c][col][row] (see {@link TransposedWeights}).
     */
    TRANSPOSED;

    /** A TFLite (rows, columns) pair, such as a kernel size or strides, in ONNX's (H, W) order. */
    long[] onnxPair(int rows, int cols) {
        return this == UPRIGHT ? new long[] {rows, cols} : new long[] {cols, rows};
    }

    /** ONNX's pads (H begin, W begin, H end, W end) from TFLite's padding along rows and columns. */
    long[] onnxPads(AxisPadding rows, AxisPadding cols) {
        AxisPadding h = this == UPRIGHT ? rows : cols;
        AxisPadding w = this == UPRIGHT ? cols : rows;
        return new long[] {h.before(), w.before(), h.after(), w.after()};
    }

    /** Where a TFLite NHWC axis (0 to 3) lies in ONNX's NCHW. */
    int onnxAxis(int tfliteAxis) {
        int[] axes = this == UPRIGHT ? new int[] {0, 2, 3, 1} : new int[] {0, 3, 2, 1};
        return axes[tfliteAxis];
    }

    /** The Transpose permutation that lays an ONNX NCHW map out in TFLite's NHWC order again. */
    long[] tfliteOrder() {
        return this == UPRIGHT ? new long[] {0, 2, 3, 1} : new long[] {0, 3, 2, 1};
    }

    /** OHWI conv kernel to OIHW; a transposed net's kernel rows and columns swap. */
    float[] convKernel(TfliteTensor kernel) {
        int out = kernel.dim(0);
        int rows = kernel.dim(1);
        int cols = kernel.dim(2);
        int in = kernel.dim(3);
        float[] ohwi = kernel.data();
        float[] oihw = new float[ohwi.length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        int target = this == UPRIGHT ? ((o * in + i) * rows + r) * cols + c
                                : ((o * in + i) * cols + c) * rows + r;
                        oihw[target] = ohwi[((o * rows + r) * cols + c) * in + i];
                    }
                }
            }
        }
        return oihw;
    }

    /** ONNX dims of {@link #convKernel}: [out, in, kernel H, kernel W]. */
    long[] convKernelDims(TfliteTensor kernel) {
        long[] spatial = onnxPair(kernel.dim(1), kernel.dim(2));
        return new long[] {kernel.dim(0), kernel.dim(3), spatial[0], spatial[1]};
    }
}
