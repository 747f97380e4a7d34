package io.facestream.tracking;

import io.facestream.cascade.RgbImage;

/**
 * A small greyscale copy of a frame: each pixel the mean brightness of a square block of the frame.
 * Averaging blocks smooths away most sensor noise and JPEG ringing before any comparison.
 *
 * @param block the side of the frame's block behind each pixel, in frame pixels
 */
record GreyThumbnail(int width, int height, int block, float[] pixels) {

    /** At most {@code maxWidth} pixels wide; the frame's right and bottom rest narrower than a block is left out. */
    static GreyThumbnail of(RgbImage frame, int maxWidth) {
        int block = Math.max(1, (frame.width() + maxWidth - 1) / maxWidth);
        int width = Math.max(1, frame.width() / block);
        int height = Math.max(1, frame.height() / block);
        int[] sums = new int[width * height];
        byte[] rgb = frame.pixels();
        int usedWidth = Math.min(frame.width(), width * block);
        for (int y = 0; y < Math.min(frame.height(), height * block); y++) {
            int row = (y / block) * width;
            int i = y * frame.width() * 3;
            // Block by block along the row, channels summed apart: no division and one weighting per block.
            for (int column = 0, x = 0; column < width; column++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int end = Math.min(x + block, usedWidth); x < end; x++, i += 3) {
                    r += rgb[i] & 0xff;
                    g += rgb[i + 1] & 0xff;
                    b += rgb[i + 2] & 0xff;
                }
                // ITU-R BT.601 luma, in integers (weights sum to 256).
                sums[row + column] += 77 * r + 150 * g + 29 * b;
            }
        }
        float[] pixels = new float[sums.length];
        float scale = 1f / (256f * Math.min(block, frame.width()) * Math.min(block, frame.height()));
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = sums[i] * scale;
        }
        return new GreyThumbnail(width, height, block, pixels);
    }
}
