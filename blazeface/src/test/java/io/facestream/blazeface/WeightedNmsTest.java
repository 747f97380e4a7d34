package io.facestream.blazeface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.facestream.cascade.Box;
import io.facestream.cascade.Point;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightedNmsTest {

    @Test
    void overlappingDetectionsBlendWeightedByScoreKeepingTheBestScore() {
        Detection best = detection(0, 0, 100, 100, 0.9f, 10);
        Detection shifted = detection(10, 10, 110, 110, 0.6f, 20);   // IoU 0.68 with best
        Detection apart = detection(300, 300, 400, 400, 0.7f, 30);

        List<Detection> blended = WeightedNms.blend(List.of(shifted, apart, best), WeightedNms.DEFAULT_THRESHOLD);

        assertThat(blended).hasSize(2);
        Detection face = blended.get(0);
        assertThat(face.score()).isEqualTo(0.9f);
        // (0.9 * 0 + 0.6 * 10) / 1.5 = 4; (0.9 * 100 + 0.6 * 110) / 1.5 = 104.
        assertThat(face.box().x1()).isCloseTo(4f, within(1e-4f));
        assertThat(face.box().x2()).isCloseTo(104f, within(1e-4f));
        assertThat(face.keypoints().get(3).x()).isCloseTo(14f, within(1e-4f));
        assertThat(blended.get(1)).isSameAs(apart);
    }

    @Test
    void detectionsOverlappingByNoMoreThanTheThresholdStaySeparate() {
        Detection a = detection(0, 0, 100, 100, 0.9f, 0);
        Detection b = detection(60, 0, 160, 100, 0.8f, 0);  // IoU 40 / 160 = 0.25

        assertThat(WeightedNms.blend(List.of(a, b), 0.3f)).containsExactly(a, b);
        assertThat(WeightedNms.blend(List.of(a, b), 0.2f)).hasSize(1);
    }

    private static Detection detection(float x1, float y1, float x2, float y2, float score, float keypointX) {
        return new Detection(new Box(x1, y1, x2, y2), score, Collections.nCopies(6, new Point(keypointX, 0)));
    }
}
