package io.facestream.blazeface;

import io.facestream.cascade.Point;
import io.facestream.cascade.RgbImage;
import java.nio.FloatBuffer;

/**
 * A square part of an image, {@code side} pixels from its top left corner {@code (x, y)}, that the model sees
 * resampled to its input size: the whole frame letterboxed (the square reaching past the frame's shorter sides,
 * read as black), or a tile of it.
 */
record Square(float x, float y, float side) {

    /** The whole image, centred in a square of its longer side. */
    static Square letterboxing(int width, int height) {
        float side = Math.max(width, height);
        return new Square((width - side) / 2, (height - side) / 2, side);
    }

    /** A position given as fractions of the square, in image pixels. */
    Point toImage(float u, float v) {
        return new Point(x + u * side, y + v * side);
    }

    /**
     * This square of {@code image} resampled to {@code n x n} by area averaging (each input cell the mean of the
     * pixels under it, at least one), as three planes (R, G, B) of values {@code v / 127.5 - 1} from {@code offset}
     * on. Pixels outside the image count as black.
     */
    void writeInput(RgbImage image, int n, FloatBuffer dst, int offset) {
        Bins columns = bins(x, n);
        Bins rows = bins(y, n);
        byte[] pixels = image.pixels();
        int plane = n * n;
        for (int i = 0; i < n; i++) {
            int top = Math.max(0, rows.start[i]);
            int bottom = Math.min(image.height(), rows.end[i]);
            for (int j = 0; j < n; j++) {
                int left = Math.max(0, columns.start[j]);
                int right = Math.min(image.width(), columns.end[j]);
                long r = 0;
                long g = 0;
                long b = 0;
                for (int sy = top; sy < bottom; sy++) {
                    for (int sx = left, at = (sy * image.width() + left) * 3; sx < right; sx++, at += 3) {
                        r += pixels[at] & 0xff;
                        g += pixels[at + 1] & 0xff;
                        b += pixels[at + 2] & 0xff;
                    }
                }
                float gain = 1f / (127.5f * (rows.end[i] - rows.start[i]) * (columns.end[j] - columns.start[j]));
                int out = offset + i * n + j;
                dst.put(out, r * gain - 1f);
                dst.put(out + plane, g * gain - 1f);
                dst.put(out + 2 * plane, b * gain - 1f);
            }
        }
    }

    /** Pixel spans of the {@code n} cells along one axis, before clipping to the image. */
    private record Bins(int[] start, int[] end) {
    }

    private Bins bins(float origin, int n) {
        int[] start = new int[n];
        int[] end = new int[n];
        for (int k = 0; k < n; k++) {
            start[k] = (int) Math.floor(origin + k * side / n);
            end[k] = Math.max(start[k] + 1, (int) Math.floor(origin + (k + 1) * side / n));
        }
        return new Bins(start, end);
    }
}
