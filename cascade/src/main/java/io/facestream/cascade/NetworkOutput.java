package io.facestream.cascade;

/**
 * What one network run returns, flattened row-major. {@code prob} holds two values per position
 * (not face, face); {@code landmarks} is empty except for O-Net. For P-Net, {@code height} and
 * {@code width} are the size of its output maps; for R-Net and O-Net they are 1.
 */
record NetworkOutput(float[] prob, float[] regression, float[] landmarks, int height, int width) {

    float faceScore(int index) {
        return prob[2 * index + 1];
    }

    BoxOffsets offsets(int index) {
        int at = 4 * index;
        return new BoxOffsets(regression[at], regression[at + 1], regression[at + 2], regression[at + 3]);
    }

    /** P-Net's face score for image {@code n} at map cell (row, col); its maps are NCHW. */
    float faceScore(int n, int row, int col) {
        int plane = height * width;
        return prob[(2 * n + 1) * plane + row * width + col];
    }

    BoxOffsets offsets(int n, int row, int col) {
        int plane = height * width;
        int at = 4 * n * plane + row * width + col;
        return new BoxOffsets(regression[at], regression[at + plane], regression[at + 2 * plane],
                regression[at + 3 * plane]);
    }

    /** O-Net's five landmarks of crop {@code index}, relative to the crop: five x, then five y. */
    float landmarkX(int index, int k) {
        return landmarks[10 * index + k];
    }

    float landmarkY(int index, int k) {
        return landmarks[10 * index + 5 + k];
    }
}
