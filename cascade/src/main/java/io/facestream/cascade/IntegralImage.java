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

    /** The image's size: crops are zero-padded outside it. */
    private final int width;
    private final int height;
    /** The part of the image the sums cover, from its top left corner, and its width. */
    private final int left;
    private final int top;
    private final int windowWidth;
    private final int windowHeight;
    private final int rowStride;
    private final int[] sums;
    /** For a window: the image, whose whole table is made if a read ever leaves the window; null for a whole table. */
    private final RgbImage image;
    private IntegralImage whole;

    private IntegralImage(int width, int height, int left, int top, int windowWidth, int windowHeight, int[] sums,
                          RgbImage image) {
        this.width = width;
        this.height = height;
        this.left = left;
        this.top = top;
        this.windowWidth = windowWidth;
        this.windowHeight = windowHeight;
        this.rowStride = (windowWidth + 1) * 3;
        this.sums = sums;
        this.image = image;
    }

    static IntegralImage of(RgbImage image) {
        return new IntegralImage(image.width(), image.height(), 0, 0, image.width(), image.height(),
                sums(image, 0, 0, image.width(), image.height()), null);
    }

    /**
     * The table of the pixels in {@code window} only, for detection on parts of a frame: reading a rectangle inside
     * the window gives exactly what the whole table gives (sums of differences within the window do not depend on
     * where the sums start), and a read leaving it falls back to the whole table, made then.
     */
    static IntegralImage covering(RgbImage image, Box window) {
        int x1 = Math.max(0, (int) Math.floor(window.x1()));
        int y1 = Math.max(0, (int) Math.floor(window.y1()));
        int x2 = Math.min(image.width(), (int) Math.ceil(window.x2()));
        int y2 = Math.min(image.height(), (int) Math.ceil(window.y2()));
        if (x2 <= x1 || y2 <= y1) {
            x2 = x1;
            y2 = y1;
        }
        return new IntegralImage(image.width(), image.height(), x1, y1, x2 - x1, y2 - y1,
                sums(image, x1, y1, x2 - x1, y2 - y1), image);
    }

    private static int[] sums(RgbImage image, int left, int top, int w, int h) {
        int stride = (w + 1) * 3;
        int[] sums = new int[(h + 1) * stride];
        byte[] px = image.pixels();
        for (int y = 0; y < h; y++) {
            int r = 0;
            int g = 0;
            int b = 0;
            int src = ((top + y) * image.width() + left) * 3;
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
        return sums;
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
        resampleRowsInto(dst, offset, x0, y0, regionWidth, regionHeight, outWidth, outHeight, 0, outHeight);
    }

    /**
     * As {@link #resampleInto}, but only output rows {@code firstRow} to {@code firstRow + rows} (exclusive) of the
     * {@code outWidth x outHeight} result, as planes of {@code outWidth x rows}: a band of a pyramid level.
     */
    void resampleRowsInto(FloatBuffer dst, int offset, int x0, int y0, int regionWidth, int regionHeight,
                          int outWidth, int outHeight, int firstRow, int rows) {
        int[] xs = binEdges(x0, regionWidth, outWidth, width);
        int[] ys = binEdges(y0, regionHeight, outHeight, height);
        if (!inWindow(xs, left, windowWidth) || !inWindow(ys, top, windowHeight)) {
            whole().resampleRowsInto(dst, offset, x0, y0, regionWidth, regionHeight, outWidth, outHeight, firstRow,
                    rows);
            return;
        }
        // Bins clipped to the image shrink to nothing at its edge, so padding needs no special case:
        // its sum is zero while its area still counts.
        int firstColumn = xs[0] - left;
        int span = (xs[3 * (outWidth - 1) + 1] - left - firstColumn + 1) * 3;
        float[] columnGain = new float[outWidth];
        for (int j = 0; j < outWidth; j++) {
            columnGain[j] = SCALE / xs[3 * j + 2];
        }
        int[] band = new int[span];
        int plane = outWidth * rows;
        // Straight into the network's input: a float[] in between made over half of the cascade's garbage.
        for (int i = firstRow; i < firstRow + rows; i++) {
            bandSums(ys[3 * i] - top, ys[3 * i + 1] - top, firstColumn, band);
            float rowGain = 1f / ys[3 * i + 2];
            for (int j = 0, at = offset + (i - firstRow) * outWidth; j < outWidth; j++, at++) {
                int from = (xs[3 * j] - left - firstColumn) * 3;
                int to = (xs[3 * j + 1] - left - firstColumn) * 3;
                float gain = rowGain * columnGain[j];
                dst.put(at, (band[to] - band[from]) * gain - MEAN * SCALE);
                dst.put(at + plane, (band[to + 1] - band[from + 1]) * gain - MEAN * SCALE);
                dst.put(at + 2 * plane, (band[to + 2] - band[from + 2]) * gain - MEAN * SCALE);
            }
        }
    }

    /** Whether every bin edge (clipped to the image) lies within the window from {@code start}, {@code length} long. */
    private static boolean inWindow(int[] edges, int start, int length) {
        for (int i = 0; i < edges.length; i += 3) {
            if (edges[i] < start || edges[i + 1] > start + length) {
                return false;
            }
        }
        return true;
    }

    private synchronized IntegralImage whole() {
        if (whole == null) {
            whole = of(image);
        }
        return whole;
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
