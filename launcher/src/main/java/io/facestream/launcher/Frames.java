package io.facestream.launcher;

import io.facestream.cascade.RgbImage;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Makes camera-sized frames out of photos. */
final class Frames {
    private Frames() {
    }

    /** The photo scaled to cover {@code size} (width, height) and centre-cropped, as a camera would frame it. */
    static RgbImage fitted(RgbImage photo, int[] size) {
        int width = size[0];
        int height = size[1];
        double scale = Math.max((double) width / photo.width(), (double) height / photo.height());
        int scaledW = (int) Math.ceil(photo.width() * scale);
        int scaledH = (int) Math.ceil(photo.height() * scale);
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(photo.toBufferedImage(), (width - scaledW) / 2, (height - scaledH) / 2, scaledW, scaledH, null);
        g.dispose();
        return RgbImage.of(frame);
    }
}
