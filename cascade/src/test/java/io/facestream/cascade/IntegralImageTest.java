package io.facestream.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntegralImageTest {
    private static final float BLACK = (0 - 127.5f) / 128f;

    private static RgbImage randomImage(int width, int height, long seed) {
        byte[] pixels = new byte[width * height * 3];
        new Random(seed).nextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }

    /** Adaptive average pooling written the slow, obvious way, with zeros outside the image. */
    private static float naiveArea(RgbImage image, int x0, int y0, int rw, int rh, int outW, int outH,
                                   int c, int i, int j) {
        int ys = (int) Math.floor((double) i * rh / outH);
        int ye = (int) Math.ceil((double) (i + 1) * rh / outH);
        int xs = (int) Math.floor((double) j * rw / outW);
        int xe = (int) Math.ceil((double) (j + 1) * rw / outW);
        double sum = 0;
        for (int y = y0 + ys; y < y0 + ye; y++) {
            for (int x = x0 + xs; x < x0 + xe; x++) {
                boolean inside = x >= 0 && y >= 0 && x < image.width() && y < image.height();
                sum += inside ? image.pixels()[(y * image.width() + x) * 3 + c] & 0xff : 0;
            }
        }
        return (float) ((sum / ((ye - ys) * (xe - xs)) - 127.5) / 128.0);
    }

    private static void assertMatchesNaive(RgbImage image, int x0, int y0, int rw, int rh, int outW, int outH) {
        FloatBuffer out = FloatBuffer.allocate(3 * outW * outH);
        IntegralImage.of(image).resampleInto(out, 0, x0, y0, rw, rh, outW, outH);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    assertThat(out.get(c * outW * outH + i * outW + j))
                            .as("channel %d at (%d, %d)", c, i, j)
                            .isCloseTo(naiveArea(image, x0, y0, rw, rh, outW, outH, c, i, j), within(1e-5f));
                }
            }
        }
    }

    @Test
    void downscaleByANonIntegerFactorAveragesOverlappingBins() {
        assertMatchesNaive(randomImage(37, 29, 1), 0, 0, 37, 29, 23, 17);
    }

    @Test
    void upscaleRepeatsSourcePixels() {
        assertMatchesNaive(randomImage(10, 7, 2), 0, 0, 10, 7, 24, 24);
    }

    @Test
    void cropInsideTheImage() {
        assertMatchesNaive(randomImage(64, 48, 3), 11, 5, 30, 30, 24, 24);
    }

    @Test
    void cropCrossingTheTopLeftCornerIsZeroPadded() {
        RgbImage image = randomImage(40, 40, 4);
        assertMatchesNaive(image, -10, -6, 30, 30, 24, 24);
        FloatBuffer out = FloatBuffer.allocate(3 * 24 * 24);
        IntegralImage.of(image).resampleInto(out, 0, -24, -24, 48, 48, 24, 24);
        assertThat(out.get(0)).as("a cell entirely outside the image is black").isEqualTo(BLACK);
    }

    @Test
    void cropCrossingTheBottomRightCornerIsZeroPadded() {
        assertMatchesNaive(randomImage(40, 30, 5), 25, 18, 30, 30, 48, 48);
    }

    @Test
    void uniformImageNormalisesToTheSameValueEverywhere() {
        byte[] grey = new byte[16 * 16 * 3];
        java.util.Arrays.fill(grey, (byte) 200);
        FloatBuffer out = FloatBuffer.allocate(3 * 5 * 5);
        IntegralImage.of(new RgbImage(16, 16, grey)).resampleInto(out, 0, 0, 0, 16, 16, 5, 5);
        for (int k = 0; k < out.capacity(); k++) {
            assertThat(out.get(k)).isEqualTo((200 - 127.5f) * 0.0078125f);
        }
    }

    @Test
    void aWindowsTableReadsExactlyWhatTheWholeTableReadsInsideItOrBeyondIt() {
        RgbImage image = randomImage(97, 61, 7);
        IntegralImage whole = IntegralImage.of(image);
        IntegralImage window = IntegralImage.covering(image, new Box(20.4f, 10.6f, 70.2f, 50.1f));
        Random random = new Random(11);
        for (int n = 0; n < 200; n++) {
            int x0 = random.nextInt(120) - 20;
            int y0 = random.nextInt(90) - 20;
            int side = 1 + random.nextInt(40);
            int out = 1 + random.nextInt(24);
            FloatBuffer expected = FloatBuffer.allocate(3 * out * out);
            FloatBuffer actual = FloatBuffer.allocate(3 * out * out);
            whole.resampleInto(expected, 0, x0, y0, side, side, out, out);
            window.resampleInto(actual, 0, x0, y0, side, side, out, out);
            assertThat(actual.array()).as("%dx%d at %d,%d to %d", side, side, x0, y0, out)
                    .containsExactly(expected.array());
        }
    }

    @Test
    void resampleWritesRgbPlanesAtTheOffset() {
        byte[] px = {(byte) 255, 0, 0};
        FloatBuffer out = FloatBuffer.allocate(10 + 3);
        IntegralImage.of(new RgbImage(1, 1, px)).resampleInto(out, 10, 0, 0, 1, 1, 1, 1);
        assertThat(out.get(10)).isEqualTo((255 - 127.5f) / 128f);
        assertThat(out.get(11)).isEqualTo(BLACK);
        assertThat(out.get(12)).isEqualTo(BLACK);
    }
}
