package io.facestream.models;

/**
 * Rewrites TFLite weights so that the ONNX graph takes the photo as it is, in NCHW, while TFLite
 * took it transposed (rows and columns swapped, as the original Caffe/MATLAB training fed it) in
 * NHWC. A TFLite activation at [n][row][col][c] is the ONNX activation at [n][c][col][row]. Conv
 * kernels only swap their spatial axes ({@link Orientation#convKernel}); fully connected weights
 * over a flattened map need their columns permuted, here.
 */
final class TransposedWeights {
    private TransposedWeights() {
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
