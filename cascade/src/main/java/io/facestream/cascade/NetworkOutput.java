package io.facestream.cascade;

import java.util.List;
import java.util.function.Function;

/**
 * What one network run returns, flattened row-major. {@code prob} holds two values per position
 * (not face, face); {@code landmarks} is empty except for O-Net. For P-Net, {@code height} and
 * {@code width} are the size of its output maps; for R-Net and O-Net they are 1.
 */
record NetworkOutput(float[] prob, float[] regression, float[] landmarks, int height, int width) {

    /** R-Net's or O-Net's outputs on consecutive parts of a batch of crops, as one output on them all. */
    static NetworkOutput concat(List<NetworkOutput> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return new NetworkOutput(concat(parts, NetworkOutput::prob), concat(parts, NetworkOutput::regression),
                concat(parts, NetworkOutput::landmarks), 1, 1);
    }

    private static float[] concat(List<NetworkOutput> parts, Function<NetworkOutput, float[]> values) {
        float[] all = new float[parts.stream().mapToInt(part -> values.apply(part).length).sum()];
        int at = 0;
        for (NetworkOutput part : parts) {
            float[] next = values.apply(part);
            System.arraycopy(next, 0, all, at, next.length);
            at += next.length;
        }
        return all;
    }

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
