package io.facestream.cascade;

import java.util.ArrayList;
import java.util.List;

/** The image pyramid of MTCNN's first stage: the scales at which P-Net's 12-pixel window looks. */
final class Pyramid {
    /** P-Net's window: a face of this many pixels at some scale is what it detects. */
    static final int PNET_WINDOW = 12;

    private Pyramid() {
    }

    /**
     * Scales from {@code 12 / minFaceSize} (times {@code downscale}, the cap on large frames) down by
     * {@code factor} while the shorter side stays at least 12 pixels.
     */
    static List<Float> scales(int width, int height, int minFaceSize, float factor, float downscale) {
        List<Float> scales = new ArrayList<>();
        float scale = (float) PNET_WINDOW / minFaceSize * downscale;
        float shortSide = Math.min(width, height) * scale;
        while (shortSide >= PNET_WINDOW) {
            scales.add(scale);
            scale *= factor;
            shortSide *= factor;
        }
        return scales;
    }

    /**
     * Rows of P-Net's output map over a level {@code levelHeight} rows high: 3x3 convolution, 2x2 max pool of stride 2
     * (rounding up), two more 3x3 convolutions.
     */
    static int mapRows(int levelHeight) {
        return (levelHeight - 1) / 2 - 4;
    }

    /**
     * Level rows that output rows {@code firstRow} to {@code firstRow + rows} of P-Net's map depend on, from row
     * {@code 2 * firstRow}: each output cell sees a 12-row window, and the windows of neighbouring cells are 2 rows
     * apart. Where the band ends the map, it takes the rest of the level, so that the pooling rounds up as on the
     * whole level.
     */
    static int bandInputRows(int levelHeight, int firstRow, int rows) {
        return firstRow + rows == mapRows(levelHeight) ? levelHeight - 2 * firstRow
                : 2 * (rows - 1) + PNET_WINDOW;
    }

    /** A level's side length for a source side and scale, rounded up as the reference ports do. */
    static int levelSide(int side, float scale) {
        return (int) (side * scale + 1);
    }
}
