package io.facestream.cascade;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes the common PNG, 8-bit truecolour with or without alpha, not interlaced, straight into RGB: the same pixels
 * as ImageIO's reader followed by {@link RgbImage#of}. ImageIO's reader undoes each row's filter a byte at a time
 * through general code (its Paeth filter alone took a quarter of {@code detect}'s Java time on a folder of 1280x720
 * PNGs), then the image is converted once more. Any other PNG (palette, grey, 16-bit, interlaced) and any that does
 * not parse is left to ImageIO, which decodes it or names what is wrong.
 */
final class PngDecoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int TRUECOLOUR = 2;
    private static final int TRUECOLOUR_ALPHA = 6;

    private PngDecoder() {
    }

    static boolean isPng(byte[] encoded) {
        if (encoded.length < SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (encoded[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The image, or empty when it is not a PNG this decoder takes.
     *
     * @throws ImageTooLargeException when its header declares more than {@code maxPixels} pixels
     */
    static Optional<RgbImage> decode(byte[] encoded, String source, long maxPixels) throws ImageTooLargeException {
        if (!isPng(encoded)) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(encoded, SIGNATURE.length, encoded.length - SIGNATURE.length);
        Header header = null;
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        while (in.remaining() >= 12) {
            int length = in.getInt();
            String type = new String(encoded, in.position(), 4, StandardCharsets.US_ASCII);
            in.position(in.position() + 4);
            if (length < 0 || length > in.remaining() - 4) {
                return Optional.empty();
            }
            int data = in.position();
            switch (type) {
                case "IHDR" -> {
                    header = Header.of(in.slice(data, length));
                    if (header == null) {
                        return Optional.empty();
                    }
                    if ((long) header.width() * header.height() > maxPixels) {
                        throw new ImageTooLargeException(source, header.width(), header.height(), maxPixels);
                    }
                }
                case "IDAT" -> compressed.write(encoded, data, length);
                case "IEND" -> {
                    return header == null ? Optional.empty() : pixels(header, compressed.toByteArray());
                }
                default -> {
                    // the other chunks (a suggested palette, gAMA, iCCP, pHYs, text, ...) change no pixel that
                    // ImageIO gives: its reader decodes 8-bit truecolour to plain sRGB bytes whatever they say
                }
            }
            in.position(data + length + 4);  // and the CRC, which ImageIO does not check either
        }
        return Optional.empty();
    }

    /** IHDR's fields, when they describe a PNG this decoder takes. */
    private record Header(int width, int height, int channels) {
        static Header of(ByteBuffer ihdr) {
            if (ihdr.remaining() != 13) {
                return null;
            }
            int width = ihdr.getInt();
            int height = ihdr.getInt();
            int bitDepth = ihdr.get();
            int colourType = ihdr.get();
            int compression = ihdr.get();
            int filter = ihdr.get();
            int interlace = ihdr.get();
            boolean taken = width > 0 && height > 0 && bitDepth == 8 && compression == 0 && filter == 0
                    && interlace == 0 && (colourType == TRUECOLOUR || colourType == TRUECOLOUR_ALPHA);
            return taken ? new Header(width, height, colourType == TRUECOLOUR ? 3 : 4) : null;
        }
    }

    private static Optional<RgbImage> pixels(Header header, byte[] compressed) {
        int stride = header.width() * header.channels();
        byte[] raw = new byte[(stride + 1) * header.height()];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            int filled = 0;
            while (filled < raw.length && !inflater.finished()) {
                int n = inflater.inflate(raw, filled, raw.length - filled);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return Optional.empty();  // truncated: ImageIO says so
                }
                filled += n;
            }
            if (filled < raw.length) {
                return Optional.empty();
            }
        } catch (DataFormatException e) {
            return Optional.empty();
        } finally {
            inflater.end();
        }
        return unfiltered(raw, header, stride) ? Optional.of(rgb(raw, header, stride)) : Optional.empty();
    }

    /**
     * Undoes each row's filter in place (PNG's five: none, sub, up, average, Paeth); false on an unknown filter. Each
     * row keeps its filter byte in front, so the row above starts {@code stride + 1} bytes earlier. Bytes left of the
     * row and above the first row count as 0; the first pixel and the first row are done apart, so that the loops
     * over the rest have no test inside.
     */
    private static boolean unfiltered(byte[] raw, Header header, int stride) {
        int bpp = header.channels();
        for (int y = 0; y < header.height(); y++) {
            int row = y * (stride + 1) + 1;
            int up = row - stride - 1;
            int filter = raw[row - 1];
            if (y == 0 && filter >= 2) {
                filter = filter == 2 ? 0 : filter == 4 ? 1 : -3;  // nothing above: up is none, Paeth is sub
            }
            switch (filter) {
                case 0 -> {
                }
                case 1 -> {
                    for (int i = row + bpp; i < row + stride; i++) {
                        raw[i] += raw[i - bpp];
                    }
                }
                case 2 -> {
                    for (int i = 0; i < stride; i++) {
                        raw[row + i] += raw[up + i];
                    }
                }
                case 3 -> {
                    for (int i = 0; i < bpp; i++) {
                        raw[row + i] += (byte) ((raw[up + i] & 0xff) >>> 1);
                    }
                    for (int i = bpp; i < stride; i++) {
                        raw[row + i] += (byte) (((raw[row + i - bpp] & 0xff) + (raw[up + i] & 0xff)) >>> 1);
                    }
                }
                case -3 -> {  // average in the first row: half the byte on the left
                    for (int i = row + bpp; i < row + stride; i++) {
                        raw[i] += (byte) ((raw[i - bpp] & 0xff) >>> 1);
                    }
                }
                case 4 -> {
                    for (int i = 0; i < bpp; i++) {
                        raw[row + i] += raw[up + i];  // nothing on the left: Paeth picks the byte above
                    }
                    for (int i = bpp; i < stride; i++) {
                        raw[row + i] += (byte) paeth(raw[row + i - bpp] & 0xff, raw[up + i] & 0xff,
                                raw[up + i - bpp] & 0xff);
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * PNG's Paeth predictor: of left, above and diagonal, the one nearest to left + above - diagonal (ties: left, then
     * above). Chosen with masks, not branches: in a photo the choice changes from byte to byte.
     */
    private static int paeth(int left, int above, int diagonal) {
        int toLeft = Math.abs(above - diagonal);
        int toAbove = Math.abs(left - diagonal);
        int toDiagonal = Math.abs(left + above - 2 * diagonal);
        int notLeft = ((toAbove - toLeft) | (toDiagonal - toLeft)) >> 31;
        int notAbove = (toDiagonal - toAbove) >> 31;
        int aboveOrDiagonal = above ^ ((above ^ diagonal) & notAbove);
        return left ^ ((left ^ aboveOrDiagonal) & notLeft);
    }

    /** The unfiltered rows as packed RGB, alpha dropped as {@link RgbImage#of} drops it. */
    private static RgbImage rgb(byte[] raw, Header header, int stride) {
        byte[] rgb = new byte[header.width() * header.height() * 3];
        int channels = header.channels();
        for (int y = 0, out = 0; y < header.height(); y++) {
            int row = y * (stride + 1) + 1;
            if (channels == 3) {
                System.arraycopy(raw, row, rgb, out, stride);
                out += stride;
            } else {
                for (int i = row; i < row + stride; i += 4, out += 3) {
                    rgb[out] = raw[i];
                    rgb[out + 1] = raw[i + 1];
                    rgb[out + 2] = raw[i + 2];
                }
            }
        }
        return new RgbImage(header.width(), header.height(), rgb);
    }
}
