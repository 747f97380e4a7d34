package io.facestream.cascade;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes JPEG, PNG, BMP and GIF images, refusing one whose header declares more pixels than allowed before any
 * pixel is decoded: a few hundred bytes can declare 20000 x 20000 pixels, and the decoder would allocate the whole
 * raster (1.2 GB) for them.
 */
public final class ImageDecoder {
    /**
     * The default most pixels: a bit above 4K UHD (3840 x 2160 = 8.3 M) and DCI 4K (4096 x 2160 = 8.8 M). An image
     * of this size takes 27 MB as the decoder's raster and as much again as an {@link RgbImage}.
     */
    public static final int DEFAULT_MAX_PIXELS = 9_000_000;

    private ImageDecoder() {
    }

    /**
     * Decodes {@code encoded}; {@code source} names it in errors.
     *
     * @throws ImageTooLargeException when its header declares more than {@code maxPixels} pixels
     * @throws IOException            when it is no image in a known format, or a broken one
     */
    public static BufferedImage decode(InputStream encoded, String source, long maxPixels) throws IOException {
        // Buffered in memory: ImageIO's default stream for an InputStream caches it in a temporary file, which took
        // a fifth of a 1280x720 PNG's decoding and writes to disk for every camera frame.
        try (ImageInputStream in = new MemoryCacheImageInputStream(encoded)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException(source + ": not an image in a known format (JPEG, PNG, BMP, GIF)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > maxPixels) {
                    throw new ImageTooLargeException(source, width, height, maxPixels);
                }
                return reader.read(0);
            } catch (ImageTooLargeException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new IOException(source + ": cannot decode image: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        }
    }
}
