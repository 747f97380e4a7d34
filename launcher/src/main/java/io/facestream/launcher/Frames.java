package io.facestream.launcher;

import io.facestream.cascade.RgbImage;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Makes camera-sized frames out of photos. */
final class Frames {
    private Frames() {
    }

    /** {@code WIDTHxHEIGHT} as {width, height}; anything else is a bad value of {@code option}. */
    static int[] parseSize(CommandSpec spec, String option, String size) {
        String[] parts = size.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int[] wh = {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
                if (wh[0] > 0 && wh[1] > 0) {
                    return wh;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), option + ": '" + size + "' is not WIDTHxHEIGHT, e.g. 640x480");
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
