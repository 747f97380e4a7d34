package io.facestream.cascade;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An image as packed 8-bit RGB, row by row: decoded once, then the pyramid and every crop are read
 * from this one buffer.
 */
public record RgbImage(int width, int height, byte[] pixels) {

    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (pixels.length != width * height * 3) {
            throw new IllegalArgumentException("an RGB image of " + width + "x" + height + " needs "
                    + width * height * 3 + " bytes, got " + pixels.length);
        }
    }

    /** Reads a JPEG, PNG, BMP or GIF file of at most {@link ImageDecoder#DEFAULT_MAX_PIXELS} pixels. */
    public static RgbImage read(Path file) throws IOException {
        return read(file, ImageDecoder.DEFAULT_MAX_PIXELS);
    }

    /**
     * Reads a JPEG, PNG, BMP or GIF file; the error names the file when it is missing, no image, or declares more
     * than {@code maxPixels} pixels ({@link ImageTooLargeException}).
     */
    public static RgbImage read(Path file, long maxPixels) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return decode(in, file.toString(), maxPixels);
        }
    }

    /** Decodes encoded image bytes (JPEG, PNG, ...) of at most {@link ImageDecoder#DEFAULT_MAX_PIXELS} pixels. */
    public static RgbImage decode(InputStream encoded, String source) throws IOException {
        return decode(encoded, source, ImageDecoder.DEFAULT_MAX_PIXELS);
    }

    /** Decodes encoded image bytes (JPEG, PNG, ...); {@code source} names them in errors. */
    public static RgbImage decode(InputStream encoded, String source, long maxPixels) throws IOException {
        byte[] bytes = encoded.readAllBytes();
        Optional<RgbImage> png = PngDecoder.decode(bytes, source, maxPixels);
        return png.isPresent() ? png.get() : of(ImageDecoder.decode(new ByteArrayInputStream(bytes), source, maxPixels));
    }

    public static RgbImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < rgb.length; i += 3) {
                rgb[i] = bgr[i + 2];
                rgb[i + 1] = bgr[i + 1];
                rgb[i + 2] = bgr[i];
            }
            return new RgbImage(w, h, rgb);
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0, i = y * w * 3; x < w; x++, i += 3) {
                int argb = row[x];
                rgb[i] = (byte) (argb >> 16);
                rgb[i + 1] = (byte) (argb >> 8);
                rgb[i + 2] = (byte) argb;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    /** The {@code w} x {@code h} pixels from column {@code x}, row {@code y}: a copy, which must lie inside this image. */
    public RgbImage crop(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("crop " + w + "x" + h + " at " + x + "," + y + " leaves the "
                    + width + "x" + height + " image");
        }
        byte[] part = new byte[w * h * 3];
        for (int row = 0; row < h; row++) {
            System.arraycopy(pixels, ((y + row) * width + x) * 3, part, row * w * 3, w * 3);
        }
        return new RgbImage(w, h, part);
    }

    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i += 3) {
            bgr[i] = pixels[i + 2];
            bgr[i + 1] = pixels[i + 1];
            bgr[i + 2] = pixels[i];
        }
        return image;
    }
}
