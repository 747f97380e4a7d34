package io.facestream.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facestream.samples.ForgedJpeg;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RgbImageTest {

    @TempDir
    Path tmp;

    private static BufferedImage redGreenBlue(int type) {
        BufferedImage image = new BufferedImage(3, 1, type);
        image.setRGB(0, 0, 0xff0000);
        image.setRGB(1, 0, 0x00ff00);
        image.setRGB(2, 0, 0x0000ff);
        return image;
    }

    @Test
    void aCropCopiesTheRowsOfItsRectangleAndMustLieInside() {
        byte[] pixels = new byte[4 * 3 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        RgbImage image = new RgbImage(4, 3, pixels);

        RgbImage crop = image.crop(1, 1, 2, 2);

        assertThat(crop.width()).isEqualTo(2);
        assertThat(crop.pixels()).containsExactly(15, 16, 17, 18, 19, 20, 27, 28, 29, 30, 31, 32);
        assertThatThrownBy(() -> image.crop(3, 0, 2, 1)).hasMessageContaining("leaves the 4x3 image");
    }

    @Test
    void pixelsAreRedGreenBlueWhateverTheSourceLayout() {
        for (int type : new int[] {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB,
                BufferedImage.TYPE_INT_ARGB}) {
            byte[] px = RgbImage.of(redGreenBlue(type)).pixels();
            assertThat(px).as("type %d", type).containsExactly(
                    (byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255);
        }
    }

    @Test
    void pngRoundTripKeepsEveryPixel() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(redGreenBlue(BufferedImage.TYPE_INT_RGB), "png", png);
        RgbImage decoded = RgbImage.decode(new ByteArrayInputStream(png.toByteArray()), "test.png");
        assertThat(RgbImage.of(decoded.toBufferedImage()).pixels()).isEqualTo(decoded.pixels());
        assertThat(decoded.pixels()[0]).isEqualTo((byte) 255);
    }

    @Test
    void missingFileIsNamedInTheError() {
        Path missing = tmp.resolve("nope.jpg");
        assertThatThrownBy(() -> RgbImage.read(missing)).isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void fileThatIsNoImageIsNamedInTheError() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.png"), "hello");
        assertThatThrownBy(() -> RgbImage.read(text)).isInstanceOf(IOException.class)
                .hasMessageContaining(text.toString()).hasMessageContaining("not an image");
    }

    @Test
    void truncatedJpegIsAnErrorNotACrash() throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_3BYTE_BGR), "jpg", jpeg);
        byte[] cut = java.util.Arrays.copyOf(jpeg.toByteArray(), 20);
        assertThatThrownBy(() -> RgbImage.decode(new ByteArrayInputStream(cut), "frame 7"))
                .isInstanceOf(IOException.class).hasMessageContaining("frame 7");
    }

    @Test
    void imageDeclaringMorePixelsThanAllowedIsRefusedBeforeDecoding() throws IOException {
        byte[] bomb = ForgedJpeg.declaring(20_000, 20_000);
        assertThat(bomb.length).isLessThan(1_000);
        assertThatThrownBy(() -> RgbImage.decode(new ByteArrayInputStream(bomb), "frame 7"))
                .isInstanceOf(ImageTooLargeException.class)
                .hasMessage("frame 7: declares 20000 x 20000 pixels, more than the 9000000 allowed");
        Path file = Files.write(tmp.resolve("bomb.jpg"), bomb);
        assertThatThrownBy(() -> RgbImage.read(file, 1_000_000)).isInstanceOf(ImageTooLargeException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("1000000 allowed");
    }

    @Test
    void theLimitIsOnTheDeclaredSizeAndAnImageWithinItDecodes() throws IOException {
        byte[] forged = ForgedJpeg.declaring(300, 200);
        RgbImage image = RgbImage.decode(new ByteArrayInputStream(forged), "frame 8", 300 * 200);
        assertThat(image.width()).isEqualTo(300);
        assertThat(image.height()).isEqualTo(200);
        assertThatThrownBy(() -> RgbImage.decode(new ByteArrayInputStream(forged), "frame 8", 300 * 200 - 1))
                .isInstanceOf(ImageTooLargeException.class);
    }

    @Test
    void wrongBufferLengthIsRefused() {
        assertThatThrownBy(() -> new RgbImage(2, 2, new byte[11]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 12 bytes");
    }
}
