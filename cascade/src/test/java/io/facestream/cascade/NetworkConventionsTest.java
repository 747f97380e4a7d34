package io.facestream.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.samples.SamplePhoto;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The converted networks take the photo upright and in RGB: the classic mistakes (forgetting the
 * weights' transposed training images, or feeding BGR) lower O-Net's score on a clear face.
 */
class NetworkConventionsTest {
    /** The astronaut's face in skimage's 512x512 portrait, as a square crop. */
    private static final Box FACE = new Box(168, 63, 280, 175);

    private static Networks networks;
    private static RgbImage astronaut;

    @BeforeAll
    static void load() {
        networks = Networks.load(DetectorOptions.builder().provider(ExecutionProvider.CPU).build());
        astronaut = GoldenPhotosTest.read(SamplePhoto.ASTRONAUT);
    }

    @AfterAll
    static void close() {
        networks.close();
    }

    private static float onetScore(RgbImage image, Box box) {
        FloatBuffer crop = Networks.inputBuffer(3 * Networks.ONET_SIDE * Networks.ONET_SIDE);
        FaceDetector.crop(IntegralImage.of(image), box, crop, 0, Networks.ONET_SIDE);
        return networks.onet(crop, 1).faceScore(0);
    }

    @Test
    void uprightRgbFaceScoresHigh() {
        assertThat(onetScore(astronaut, FACE)).isGreaterThan(0.99f);
    }

    @Test
    void transposedFaceScoresClearlyLower() {
        RgbImage transposed = transpose(astronaut);
        Box box = new Box(FACE.y1(), FACE.x1(), FACE.y2(), FACE.x2());
        assertThat(onetScore(transposed, box)).isLessThan(onetScore(astronaut, FACE) - 0.2f);
    }

    @Test
    void bgrFaceScoresLower() {
        assertThat(onetScore(swapRedAndBlue(astronaut), FACE)).isLessThan(onetScore(astronaut, FACE));
    }

    @Test
    void landmarksOfAnUprightFaceAreInReadingOrder() {
        FloatBuffer crop = Networks.inputBuffer(3 * Networks.ONET_SIDE * Networks.ONET_SIDE);
        FaceDetector.crop(IntegralImage.of(astronaut), FACE, crop, 0, Networks.ONET_SIDE);
        NetworkOutput out = networks.onet(crop, 1);
        assertThat(out.landmarkX(0, 0)).as("left eye left of right eye").isLessThan(out.landmarkX(0, 1));
        assertThat(out.landmarkY(0, 0)).as("eyes above the nose").isLessThan(out.landmarkY(0, 2));
        assertThat(out.landmarkY(0, 2)).as("nose above the mouth").isLessThan(out.landmarkY(0, 3));
    }

    private static RgbImage transpose(RgbImage image) {
        int w = image.width();
        int h = image.height();
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(image.pixels(), (y * w + x) * 3, out, (x * h + y) * 3, 3);
            }
        }
        return new RgbImage(h, w, out);
    }

    private static RgbImage swapRedAndBlue(RgbImage image) {
        byte[] out = image.pixels().clone();
        for (int i = 0; i < out.length; i += 3) {
            out[i] = image.pixels()[i + 2];
            out[i + 2] = image.pixels()[i];
        }
        return new RgbImage(image.width(), image.height(), out);
    }
}
