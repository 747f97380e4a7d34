package io.facestream.tracking;

import io.facestream.cascade.RgbImage;

/**
 * A camera's cheap motion detector: a small greyscale copy of each frame against a running
 * background. A pixel changed when it differs from the background by more than the threshold after
 * the frame's overall brightness shift is taken out (auto exposure); a cell of 4x4 such pixels moves
 * when a quarter of them changed, so single noisy pixels never do. A large global change (the median
 * shift, or most cells moving) asks for a rescan and makes the frame the new background, instead of
 * reporting motion everywhere until the background catches up. Not thread-safe: one per camera.
 */
public final class MotionDetector {
    /** Width of the greyscale copy: 160 pixels is 4x4-pixel blocks of a 640x480 frame. */
    static final int THUMBNAIL_WIDTH = 160;
    /** Thumbnail pixels per cell side. */
    static final int CELL = 4;
    /** Share of a cell's pixels that must change for the cell to move. */
    private static final float MOVING_SHARE = 0.25f;
    /**
     * Share of moving cells above which the frame changed as a whole. A person close to the camera
     * walking out moves up to half the cells (0.47 on the door clip, with their trail); another view of
     * the scene some 0.85.
     */
    private static final float RESCAN_SHARE = 0.6f;
    /** A median brightness shift of more grey levels than this is a global change (lights). */
    private static final int GLOBAL_SHIFT = 14;
    /**
     * How fast the background follows the frames: a change is absorbed within some ten frames (a
     * person's trail after walking through fades below the threshold in about as many).
     */
    private static final float LEARNING_RATE = 0.25f;

    private final int threshold;
    private float[] background;
    private int width;
    private int height;

    /** @param threshold grey levels (0-255) a pixel must differ from the background to count as changed */
    public MotionDetector(int threshold) {
        this.threshold = threshold;
    }

    /**
     * How many frames the background takes to absorb any change: after as many, a pixel that changed by the
     * most it can (255 grey levels) and stayed so differs from the background by less than the threshold.
     */
    public int framesToAbsorb() {
        double frames = Math.log((double) threshold / 255) / Math.log(1 - LEARNING_RATE);
        return Math.max(1, (int) Math.ceil(frames));
    }

    /** The motion in {@code frame} against the frames before; the first frame, or one of a new size, is a rescan. */
    public Motion update(RgbImage frame) {
        GreyThumbnail now = GreyThumbnail.of(frame, THUMBNAIL_WIDTH);
        float[] pixels = now.pixels();
        if (background == null || now.width() != width || now.height() != height) {
            restart(now);
            return Motion.global();
        }
        int shift = medianShift(pixels);
        int columns = Math.max(1, width / CELL);
        int rows = Math.max(1, height / CELL);
        int[] changed = new int[columns * rows];
        for (int y = 0; y < rows * CELL && y < height; y++) {
            for (int x = 0; x < columns * CELL && x < width; x++) {
                int i = y * width + x;
                if (Math.abs(pixels[i] - background[i] - shift) > threshold) {
                    changed[(y / CELL) * columns + x / CELL]++;
                }
            }
        }
        boolean[] moving = new boolean[changed.length];
        int movingCells = 0;
        for (int i = 0; i < changed.length; i++) {
            moving[i] = changed[i] >= MOVING_SHARE * CELL * CELL;
            movingCells += moving[i] ? 1 : 0;
        }
        if (Math.abs(shift) > GLOBAL_SHIFT || movingCells > RESCAN_SHARE * moving.length) {
            restart(now);
            return Motion.global();
        }
        for (int i = 0; i < pixels.length; i++) {
            background[i] += LEARNING_RATE * (pixels[i] - background[i]);
        }
        return new Motion(false, moving, columns, rows, CELL * now.block());
    }

    private void restart(GreyThumbnail now) {
        background = now.pixels().clone();
        width = now.width();
        height = now.height();
    }

    /** The median of the frame's differences from the background, in whole grey levels. */
    private int medianShift(float[] pixels) {
        int[] histogram = new int[511];
        for (int i = 0; i < pixels.length; i++) {
            histogram[Math.round(pixels[i] - background[i]) + 255]++;
        }
        int half = pixels.length / 2;
        int seen = 0;
        for (int d = 0; d < histogram.length; d++) {
            seen += histogram[d];
            if (seen > half) {
                return d - 255;
            }
        }
        return 0;
    }
}
