package io.facestream.models;

/**
 * Rewrites TFLite weights so that the ONNX graph takes the photo as it is, in NCHW, while TFLite
 * took it transposed (rows and columns swapped, as the original Caffe/MATLAB training fed it) in
 * NHWC. A TFLite activation at [n][row][col][c] is the ONNX activation at [n][c][col][row].
 */
final class TransposedWeights {
    private TransposedWeights() {
    }

    /** OHWI kernel of the transposed image to OIHW kernel of the photo: kernel rows and columns swap. */
    static float[] convKernel(TfliteTensor kernel) {
        int out = kernel.dim(0);
        int rows = kernel.dim(1);
        int cols = kernel.dim(2);
        int in = kernel.dim(3);
        float[] ohwi = kernel.data();
        float[] oihw = new float[ohwi.length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int h = 0; h < cols; h++) {
                    for (int w = 0; w < rows; w++) {
                        oihw[((o * in + i) * cols + h) * rows + w] = ohwi[((o * rows + w) * cols + h) * in + i];
                    }
                }
            }
        }
        return oihw;
    }

    /** ONNX dims of {@link #convKernel}: [out, in, kernel cols, kernel rows]. */
    static long[] convKernelDims(TfliteTensor kernel) {
        return new long[] {kernel.dim(0), kernel.dim(3), kernel.dim(2), kernel.dim(1)};
    }

    /**
     * Permutes the columns of a fully connected [out, in] matrix whose input was TFLite's NHWC flatten
     * of a [rows, cols, channels] tensor of the transposed image, so that it reads ONNX's flatten
     * of the NCHW tensor [channels, cols, rows] of the photo instead.
     */
    static float[] fullyConnectedOverFlattenedMap(TfliteTensor weights, int rows, int cols, int channels) {
        int out = weights.dim(0);
        int in = weights.dim(1);
        if (in != rows * cols * channels) {
            throw new IllegalArgumentException(weights + " does not read a " + rows + "x" + cols + "x" + channels
                    + " map");
        }
        float[] tflite = weights.data();
        float[] onnx = new float[tflite.length];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < channels; c++) {
                for (int h = 0; h < cols; h++) {
                    for (int w = 0; w < rows; w++) {
                        int onnxColumn = (c * cols + h) * rows + w;
                        int tfliteColumn = (w * cols + h) * channels + c;
                        onnx[o * in + onnxColumn] = tflite[o * in + tfliteColumn];
                    }
                }
            }
        }
        return onnx;
    }
}
