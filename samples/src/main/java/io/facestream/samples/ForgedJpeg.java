package io.facestream.samples;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A decompression bomb: a real, valid JPEG of a few hundred bytes whose frame header (SOF0) declares another size,
 * e.g. 20000 x 20000 pixels. A decoder that trusts the header allocates the raster for the declared size.
 */
public final class ForgedJpeg {
    private static final int SOF0 = 0xC0;

    private ForgedJpeg() {
    }

    /** A 16 x 16 grey JPEG whose SOF0 declares {@code width} x {@code height} (each 1 to 65535). */
    public static byte[] declaring(int width, int height) {
        byte[] jpeg = smallJpeg();
        int sof = segment(jpeg, SOF0);
        // SOF0: marker (2 bytes), length (2), sample precision (1), height (2), width (2), ...
        putShort(jpeg, sof + 5, height);
        putShort(jpeg, sof + 7, width);
        return jpeg;
    }

    private static byte[] smallJpeg() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Where the segment with {@code marker} starts, walking the segments after the start of image. */
    private static int segment(byte[] jpeg, int marker) {
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xff) == 0xff) {
            if ((jpeg[at + 1] & 0xff) == marker) {
                return at;
            }
            at += 2 + ((jpeg[at + 2] & 0xff) << 8 | jpeg[at + 3] & 0xff);
        }
        throw new IllegalStateException("no segment 0xFF" + Integer.toHexString(marker).toUpperCase() + " in the JPEG");
    }

    private static void putShort(byte[] bytes, int at, int value) {
        if (value < 1 || value > 0xffff) {
            throw new IllegalArgumentException("a JPEG side is 1 to 65535 pixels, got " + value);
        }
        bytes[at] = (byte) (value >> 8);
        bytes[at + 1] = (byte) value;
    }
}
