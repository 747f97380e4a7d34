package io.facestream.cascade;

import java.nio.FloatBuffer;

/**
 * Per-channel summed-area table of an {@link RgbImage}. Built once per frame, it resamples any
 * rectangle by area averaging at a cost per output pixel, whatever the scale: every pyramid level and
 * every R-Net and O-Net crop come from it.
 *
 * <p>Bins follow the reference ports' "area" resampling (adaptive average pooling): output cell
 * {@code i} of {@code n} averages source pixels {@code floor(i*len/n)} to {@code ceil((i+1)*len/n)}.
 * Sums are ints that may wrap on huge frames; differences of wrapped ints are still exact because a
 * single bin's sum never exceeds an int.
 */
final class IntegralImage {
    /** MTCNN's input normalisation: (pixel - 127.5) / 128. */
    private static final float MEAN = 127.5f;
    private static final float SCALE = 0.0078125f;

    private final int width;
    private final int height;
    private final int rowStride;
    private final int[] sums;

    private IntegralImage(int width, int height, int[] sums) {
        this.width = width;
        this.height = height;
        this.rowStride = (width + 1) * 3;
        this.sums = sums;
    }

    static IntegralImage of(RgbImage image) {
        int w = image.width();
        int h = image.height();
        int stride = (w + 1) * 3;
        int[] sums = new int[(h + 1) * stride];
        byte[] px = image.pixels();
        for (int y = 0; y < h; y++) {
            int r = 0;
            int g = 0;
            int b = 0;
            int src = y * w * 3;
            int above = y * stride + 3;
            int out = above + stride;
            for (int x = 0; x < w; x++, src += 3, above += 3, out += 3) {
                r += px[src] & 0xff;
                g += px[src + 1] & 0xff;
                b += px[src + 2] & 0xff;
                sums[out] = sums[above] + r;
                sums[out + 1] = sums[above + 1] + g;
                sums[out + 2] = sums[above + 2] + b;
            }
        }
        return new IntegralImage(w, h, sums);
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /**
     * Resamples the source rectangle at {@code (x0, y0)} of size {@code regionWidth x regionHeight} to
     * {@code outWidth x outHeight}, normalised, as three planes (R, G, B) starting at {@code offset}.
     * Parts of the rectangle outside the image read as black, the zero padding of the reference crop.
     */
    void resampleInto(FloatBuffer dst, int offset, int x0, int y0, int regionWidth, int regionHeight,
                      int outWidth, int outHeight) {
        int[] xs = binEdges(x0, regionWidth, outWidth, width);
        int[] ys = binEdges(y0, regionHeight, outHeight, height);
        // Bins clipped to the image shrink to nothing at its edge, so padding needs no special case:
        // its sum is zero while its area still counts.
        int firstColumn = xs[0];
        int span = (xs[3 * (outWidth - 1) + 1] - firstColumn + 1) * 3;
        float[] columnGain = new float[outWidth];
        for (int j = 0; j < outWidth; j++) {
            columnGain[j] = SCALE / xs[3 * j + 2];
        }
        int[] band = new int[span];
        int plane = outWidth * outHeight;
        // Straight into the network's input: a float[] in between made over half of the cascade's garbage.
        for (int i = 0; i < outHeight; i++) {
            bandSums(ys[3 * i], ys[3 * i + 1], firstColumn, band);
            float rowGain = 1f / ys[3 * i + 2];
            for (int j = 0, at = offset + i * outWidth; j < outWidth; j++, at++) {
                int left = (xs[3 * j] - firstColumn) * 3;
                int right = (xs[3 * j + 1] - firstColumn) * 3;
                float gain = rowGain * columnGain[j];
                dst.put(at, (band[right] - band[left]) * gain - MEAN * SCALE);
                dst.put(at + plane, (band[right + 1] - band[left + 1]) * gain - MEAN * SCALE);
                dst.put(at + 2 * plane, (band[right + 2] - band[left + 2]) * gain - MEAN * SCALE);
            }
        }
    }

    /** Per-column running sums of rows {@code top} to {@code bottom} (exclusive), from {@code firstColumn} on. */
    private void bandSums(int top, int bottom, int firstColumn, int[] band) {
        int upper = top * rowStride + firstColumn * 3;
        int lower = bottom * rowStride + firstColumn * 3;
        for (int k = 0; k < band.length; k++) {
            band[k] = sums[lower + k] - sums[upper + k];
        }
    }

    /**
     * For each output cell: its source bin's start and end clipped to {@code [0, limit]}, and the
     * bin's unclipped length (padding counts in the average).
     */
    private static int[] binEdges(int origin, int length, int cells, int limit) {
        int[] edges = new int[3 * cells];
        for (int i = 0; i < cells; i++) {
            int start = binStart(length, cells, i);
            int end = binEnd(length, cells, i);
            edges[3 * i] = clamp(origin + start, limit);
            edges[3 * i + 1] = clamp(origin + end, limit);
            edges[3 * i + 2] = end - start;
        }
        return edges;
    }

    private static int binStart(int length, int cells, int i) {
        return (int) Math.floorDiv((long) i * length, cells);
    }

    private static int binEnd(int length, int cells, int i) {
        return (int) -Math.floorDiv(-(long) (i + 1) * length, cells);
    }

    private static int clamp(int v, int limit) {
        return Math.max(0, Math.min(limit, v));
    }
}
