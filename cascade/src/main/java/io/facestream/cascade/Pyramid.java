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

    /** A level's side length for a source side and scale, rounded up as the reference ports do. */
    static int levelSide(int side, float scale) {
        return (int) (side * scale + 1);
    }
}
