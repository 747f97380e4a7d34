package io.facestream.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.facestream.cascade.RgbImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The thumbnail's pixels are the mean luma of their blocks of the frame. */
class GreyThumbnailTest {

    @Test
    void eachPixelIsItsBlocksMeanLumaAndTheRestNarrowerThanABlockIsLeftOut() {
        // 643x481 at most 160 wide: blocks of 5, 128x96 pixels, the last 3 columns and 1 row left out.
        RgbImage frame = noise(643, 481);
        GreyThumbnail thumbnail = GreyThumbnail.of(frame, 160);
        assertThat(thumbnail.block()).isEqualTo(5);
        assertThat(thumbnail.width()).isEqualTo(128);
        assertThat(thumbnail.height()).isEqualTo(96);
        for (int ty = 0; ty < thumbnail.height(); ty++) {
            for (int tx = 0; tx < thumbnail.width(); tx++) {
                assertThat(thumbnail.pixels()[ty * thumbnail.width() + tx]).as("pixel %d,%d", tx, ty)
                        .isCloseTo(meanLuma(frame, tx * 5, ty * 5, 5), within(1e-3f));
            }
        }
    }

    private static float meanLuma(RgbImage frame, int x0, int y0, int block) {
        double sum = 0;
        for (int y = y0; y < y0 + block; y++) {
            for (int x = x0; x < x0 + block; x++) {
                int i = (y * frame.width() + x) * 3;
                byte[] p = frame.pixels();
                sum += (77 * (p[i] & 0xff) + 150 * (p[i + 1] & 0xff) + 29 * (p[i + 2] & 0xff)) / 256.0;
            }
        }
        return (float) (sum / (block * block));
    }

    private static RgbImage noise(int width, int height) {
        SplittableRandom random = new SplittableRandom(7);
        byte[] pixels = new byte[width * height * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(256);
        }
        return new RgbImage(width, height, pixels);
    }
}
