package io.facestream.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facestream.samples.SamplePhoto;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The PNG decoder gives exactly the pixels ImageIO gives, and leaves every PNG it does not take to ImageIO. */
class PngDecoderTest {

    @Test
    void theRealSamplePngsDecodeToImageIosPixels() throws IOException {
        // astronaut.png carries an ICC profile (iCCP), coffee.png none; ImageIO's pixels ignore it, and so do these.
        for (SamplePhoto photo : new SamplePhoto[] {SamplePhoto.ASTRONAUT, SamplePhoto.COFFEE}) {
            byte[] png = Files.readAllBytes(photo.path());

            assertThat(PngDecoder.decode(png, photo.name(), Long.MAX_VALUE)).as("%s", photo)
                    .hasValueSatisfying(image -> assertSameAs(image, imageIo(png)));
        }
    }

    @ParameterizedTest(name = "{0} channels")
    @ValueSource(ints = {3, 4})
    void everyRowFilterDecodesToImageIosPixels(int channels) throws IOException {
        BufferedImage photo = ImageIO.read(SamplePhoto.SAMPLE1.path().toFile()).getSubimage(0, 0, 320, 240);
        for (int filter = 0; filter <= 4; filter++) {
            byte[] png = encode(photo, channels, filter);

            Optional<RgbImage> decoded = PngDecoder.decode(png, "filter " + filter, Long.MAX_VALUE);
            assertThat(decoded).as("filter %d", filter).hasValueSatisfying(image -> assertSameAs(image, imageIo(png)));
        }
    }

    @Test
    void pngsWrittenByImageIoInColourWithAndWithoutAlphaDecodeToItsPixels() throws IOException {
        BufferedImage photo = ImageIO.read(SamplePhoto.MULTIFACE.path().toFile());
        for (int type : new int[] {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR}) {
            byte[] png = written(convert(photo, type), false);

            assertThat(PngDecoder.decode(png, "type " + type, Long.MAX_VALUE))
                    .hasValueSatisfying(image -> assertSameAs(image, imageIo(png)));
        }
    }

    @Test
    void greyPalettedAndInterlacedPngsAreLeftToImageIo() throws IOException {
        BufferedImage photo = ImageIO.read(SamplePhoto.SAMPLE2.path().toFile());
        byte[] grey = written(convert(photo, BufferedImage.TYPE_BYTE_GRAY), false);
        byte[] paletted = written(convert(photo, BufferedImage.TYPE_BYTE_INDEXED), false);
        byte[] interlaced = written(convert(photo, BufferedImage.TYPE_3BYTE_BGR), true);

        for (byte[] png : new byte[][] {grey, paletted, interlaced}) {
            assertThat(PngDecoder.decode(png, "png", Long.MAX_VALUE)).isEmpty();
            assertSameAs(RgbImage.decode(new ByteArrayInputStream(png), "png"), imageIo(png));
        }
    }

    @Test
    void aTruncatedPngIsLeftToImageIoWhichNamesIt() throws IOException {
        byte[] png = written(convert(ImageIO.read(SamplePhoto.SAMPLE3.path().toFile()), BufferedImage.TYPE_3BYTE_BGR),
                false);
        byte[] truncated = Arrays.copyOf(png, png.length / 2);

        assertThat(PngDecoder.decode(truncated, "half.png", Long.MAX_VALUE)).isEmpty();
        assertThatThrownBy(() -> RgbImage.decode(new ByteArrayInputStream(truncated), "half.png"))
                .isInstanceOf(IOException.class).hasMessageStartingWith("half.png: ");
        assertThat(PngDecoder.decode(new byte[] {1, 2, 3}, "x", Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void aPngDeclaringTooManyPixelsIsRefusedBeforeInflating() throws IOException {
        byte[] png = Files.readAllBytes(SamplePhoto.COFFEE.path());  // 600 x 400

        assertThatThrownBy(() -> PngDecoder.decode(png, "coffee.png", 600 * 399))
                .isInstanceOf(ImageTooLargeException.class).hasMessageContaining("coffee.png");
    }

    private static RgbImage imageIo(byte[] png) {
        try {
            return RgbImage.of(ImageIO.read(new ByteArrayInputStream(png)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertSameAs(RgbImage decoded, RgbImage expected) {
        assertThat(decoded.width()).isEqualTo(expected.width());
        assertThat(decoded.height()).isEqualTo(expected.height());
        assertThat(Arrays.mismatch(decoded.pixels(), expected.pixels())).as("first differing byte").isEqualTo(-1);
    }

    private static BufferedImage convert(BufferedImage image, int type) {
        BufferedImage converted = new BufferedImage(image.getWidth(), image.getHeight(), type);
        converted.getGraphics().drawImage(image, 0, 0, null);
        if (type == BufferedImage.TYPE_4BYTE_ABGR) {  // some transparency, which must not change the colours
            for (int y = 0; y < image.getHeight(); y += 3) {
                for (int x = 0; x < image.getWidth(); x++) {
                    converted.setRGB(x, y, (converted.getRGB(x, y) & 0xffffff) | (x % 256) << 24);
                }
            }
        }
        return converted;
    }

    private static byte[] written(BufferedImage image, boolean interlaced) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (interlaced) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        assertThat(ImageTypeSpecifier.createFromRenderedImage(image)).isNotNull();
        return out.toByteArray();
    }

    /** An 8-bit RGB or RGBA PNG of {@code image}, every row filtered with {@code filter}: the test's own encoder. */
    private static byte[] encode(BufferedImage image, int channels, int filter) throws IOException {
        int width = image.getWidth();
        int height = image.getHeight();
        int stride = width * channels;
        byte[] previous = new byte[stride];
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        for (int y = 0; y < height; y++) {
            byte[] row = new byte[stride];
            for (int x = 0; x < width; x++) {
                int argb = image.getRGB(x, y);
                int i = x * channels;
                row[i] = (byte) (argb >> 16);
                row[i + 1] = (byte) (argb >> 8);
                row[i + 2] = (byte) argb;
                if (channels == 4) {
                    row[i + 3] = (byte) (x * 7 + y);
                }
            }
            rows.write(filter);
            for (int i = 0; i < stride; i++) {
                int left = i >= channels ? row[i - channels] & 0xff : 0;
                int above = y > 0 ? previous[i] & 0xff : 0;
                int diagonal = i >= channels && y > 0 ? previous[i - channels] & 0xff : 0;
                int predicted = switch (filter) {
                    case 0 -> 0;
                    case 1 -> left;
                    case 2 -> above;
                    case 3 -> (left + above) / 2;
                    default -> {
                        int p = left + above - diagonal;
                        int pa = Math.abs(p - left);
                        int pb = Math.abs(p - above);
                        int pc = Math.abs(p - diagonal);
                        yield pa <= pb && pa <= pc ? left : pb <= pc ? above : diagonal;
                    }
                };
                rows.write((row[i] & 0xff) - predicted);
            }
            previous = row;
        }
        Deflater deflater = new Deflater();
        deflater.setInput(rows.toByteArray());
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream ihdr = new DataOutputStream(header);
        ihdr.writeInt(width);
        ihdr.writeInt(height);
        ihdr.write(new byte[] {8, (byte) (channels == 3 ? 2 : 6), 0, 0, 0});
        chunk(png, "IHDR", header.toByteArray());
        chunk(png, "IDAT", compressed.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        DataOutputStream out = new DataOutputStream(png);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
