package io.facestream.ingest;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Scales frames down to fit a maximum width and height, keeping the aspect ratio; never up. */
public final class FrameScaler {
    private final Integer maxWidth;
    private final Integer maxHeight;

    public FrameScaler(Integer maxWidth, Integer maxHeight) {
        this.maxWidth = maxWidth;
        this.maxHeight = maxHeight;
    }

    public BufferedImage fit(BufferedImage image) {
        double scale = scale(image.getWidth(), image.getHeight());
        if (scale >= 1) {
            return image;
        }
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }

    double scale(int width, int height) {
        double scale = 1;
        if (maxWidth != null && width > maxWidth) {
            scale = Math.min(scale, maxWidth / (double) width);
        }
        if (maxHeight != null && height > maxHeight) {
            scale = Math.min(scale, maxHeight / (double) height);
        }
        return scale;
    }
}
