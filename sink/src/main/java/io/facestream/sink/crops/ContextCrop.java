package io.facestream.sink.crops;

import io.facestream.schemas.avro.BoundingBox;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** The context crop the sink keeps of every face beside its aligned crop: the face's box with some of its surroundings. */
final class ContextCrop {
    /** The context crop is the box grown by this fraction of its size (a quarter on every side). */
    static final double CONTEXT_MARGIN = 0.5;
    static final int CONTEXT_MAX_SIDE = 256;

    private ContextCrop() {
    }

    /**
     * The box grown by {@link #CONTEXT_MARGIN}, clipped to the frame (a face at the edge gets a smaller context, not
     * black borders), scaled down to at most {@link #CONTEXT_MAX_SIDE} pixels a side.
     */
    static BufferedImage context(BufferedImage frame, BoundingBox box) {
        double grow = CONTEXT_MARGIN / 2;
        double width = box.getX2() - box.getX1();
        double height = box.getY2() - box.getY1();
        int x1 = clamp((int) Math.floor(box.getX1() - grow * width), 0, frame.getWidth() - 1);
        int y1 = clamp((int) Math.floor(box.getY1() - grow * height), 0, frame.getHeight() - 1);
        int x2 = clamp((int) Math.ceil(box.getX2() + grow * width), x1 + 1, frame.getWidth());
        int y2 = clamp((int) Math.ceil(box.getY2() + grow * height), y1 + 1, frame.getHeight());
        BufferedImage region = frame.getSubimage(x1, y1, x2 - x1, y2 - y1);
        return shrink(region, CONTEXT_MAX_SIDE);
    }

    /** {@code image} scaled so that its longer side is at most {@code maxSide}, halving step by step to avoid aliasing. */
    static BufferedImage shrink(BufferedImage image, int maxSide) {
        int width = image.getWidth();
        int height = image.getHeight();
        double factor = Math.min(1.0, (double) maxSide / Math.max(width, height));
        int targetWidth = Math.max(1, (int) Math.round(width * factor));
        int targetHeight = Math.max(1, (int) Math.round(height * factor));
        BufferedImage current = image;
        do {
            int w = Math.max(targetWidth, current.getWidth() / 2);
            int h = Math.max(targetHeight, current.getHeight() / 2);
            BufferedImage next = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D graphics = next.createGraphics();
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.drawImage(current, 0, 0, w, h, null);
            graphics.dispose();
            current = next;
        } while (current.getWidth() != targetWidth || current.getHeight() != targetHeight);
        return current;
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
