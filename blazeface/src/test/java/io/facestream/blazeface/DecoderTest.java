package io.facestream.blazeface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.facestream.cascade.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecoderTest {
    private static final int ANCHORS = 896;
    private final Decoder decoder = new Decoder(BlazeFaceModel.SHORT_RANGE);

    @Test
    void anAnchorsOffsetsAreInputPixelsFromItsCentreAndItsScoreTheSigmoidOfItsLogit() {
        float[] regressors = new float[ANCHORS * 16];
        float[] logits = filled(ANCHORS, -5f);
        // Anchor 2 sits at (1.5/16, 0.5/16) of the 128-pixel input: (12, 4) input pixels.
        logits[2] = 2f;
        float[] raw = {6.4f, 12.8f, 25.6f, 38.4f, 0f, 0f, 12.8f, 0f, 6.4f, 6.4f, 6.4f, 19.2f, -12.8f, 0f, 25.6f, 0f};
        System.arraycopy(raw, 0, regressors, 2 * 16, 16);
        // The input is the square from (100, 50), 256 pixels a side: 2 image pixels per input pixel.
        Square square = new Square(100, 50, 256);

        List<Detection> found = decoder.decode(regressors, logits, 0, square, 0.5f);

        assertThat(found).hasSize(1);
        Detection d = found.get(0);
        assertThat(d.score()).isCloseTo(0.8808f, within(1e-4f));
        // Centre (12 + 6.4, 4 + 12.8) input = (18.4, 16.8), size 25.6 x 38.4 input; times 2, plus the square's corner.
        assertThat(d.box().x1()).isCloseTo(100 + 2 * (18.4f - 12.8f), within(1e-3f));
        assertThat(d.box().y1()).isCloseTo(50 + 2 * (16.8f - 19.2f), within(1e-3f));
        assertThat(d.box().x2()).isCloseTo(100 + 2 * (18.4f + 12.8f), within(1e-3f));
        assertThat(d.box().y2()).isCloseTo(50 + 2 * (16.8f + 19.2f), within(1e-3f));
        assertPoint(d.keypoints().get(0), 100 + 2 * 12, 50 + 2 * 4);
        assertPoint(d.keypoints().get(1), 100 + 2 * (12 + 12.8f), 50 + 2 * 4);
        assertPoint(d.keypoints().get(2), 100 + 2 * (12 + 6.4f), 50 + 2 * (4 + 6.4f));
        assertPoint(d.keypoints().get(3), 100 + 2 * (12 + 6.4f), 50 + 2 * (4 + 19.2f));
        assertPoint(d.keypoints().get(4), 100 + 2 * (12 - 12.8f), 50 + 2 * 4);
        assertPoint(d.keypoints().get(5), 100 + 2 * (12 + 25.6f), 50 + 2 * 4);
    }

    @Test
    void anchorsBelowTheMinimumScoreAreLeftOutAndEachImageOfABatchReadsItsOwnRows() {
        float[] regressors = new float[2 * ANCHORS * 16];
        float[] logits = filled(2 * ANCHORS, -5f);
        logits[ANCHORS + 7] = 0.1f;   // 0.525
        logits[ANCHORS + 9] = -0.1f;  // 0.475

        assertThat(decoder.decode(regressors, logits, 0, new Square(0, 0, 128), 0.5f)).isEmpty();
        List<Detection> second = decoder.decode(regressors, logits, 1, new Square(0, 0, 128), 0.5f);
        assertThat(second).singleElement().satisfies(d -> {
            assertThat(d.score()).isCloseTo(0.525f, within(1e-3f));
            assertPoint(d.keypoints().get(2), 3.5f * 8, 0.5f * 8);  // anchor 7: cell (3, 0) of 16, its second anchor
        });
    }

    @Test
    void logitsAreClippedAtAHundredEitherWay() {
        assertThat(Decoder.sigmoid(1e6f)).isEqualTo(1f);
        assertThat(Decoder.sigmoid(-1e6f)).isEqualTo((float) (1 / (1 + Math.exp(100))));
    }

    private static float[] filled(int length, float value) {
        float[] values = new float[length];
        java.util.Arrays.fill(values, value);
        return values;
    }

    private static void assertPoint(Point point, float x, float y) {
        assertThat(point.x()).isCloseTo(x, within(1e-3f));
        assertThat(point.y()).isCloseTo(y, within(1e-3f));
    }
}
