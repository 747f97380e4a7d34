package io.facestream.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PyramidTest {

    @Test
    void scalesStartAtTwelveOverMinFaceSizeAndShrinkByTheFactor() {
        List<Float> scales = Pyramid.scales(640, 480, 20, 0.709f, 1f);
        assertThat(scales.get(0)).isCloseTo(0.6f, within(1e-6f));
        for (int i = 1; i < scales.size(); i++) {
            assertThat(scales.get(i) / scales.get(i - 1)).isCloseTo(0.709f, within(1e-5f));
        }
    }

    @Test
    void lastLevelStillHasAShortSideOfAtLeastTwelve() {
        for (int[] size : new int[][] {{640, 480}, {1280, 720}, {1920, 1080}, {24, 24}, {300, 20}}) {
            List<Float> scales = Pyramid.scales(size[0], size[1], 20, 0.709f, 1f);
            int shortSide = Math.min(size[0], size[1]);
            float last = scales.get(scales.size() - 1);
            assertThat(shortSide * last).as("%s", List.of(size[0], size[1])).isGreaterThanOrEqualTo(12f);
            assertThat(shortSide * last * 0.709f).isLessThan(12f);
        }
    }

    @Test
    void levelCountsMatchTheReferenceForCommonFrameSizes() {
        // 480 * 0.6 = 288 → levels while 288 * 0.709^k >= 12: k = 0..9
        assertThat(Pyramid.scales(640, 480, 20, 0.709f, 1f)).hasSize(10);
        assertThat(Pyramid.scales(1280, 720, 20, 0.709f, 1f)).hasSize(11);
        assertThat(Pyramid.scales(1920, 1080, 20, 0.709f, 1f)).hasSize(12);
    }

    @Test
    void imageSmallerThanTheMinimumFaceHasNoLevel() {
        assertThat(Pyramid.scales(19, 19, 20, 0.709f, 1f)).isEmpty();
    }

    @Test
    void downscaleShiftsEveryLevel() {
        List<Float> full = Pyramid.scales(3840, 2160, 20, 0.709f, 1f);
        List<Float> capped = Pyramid.scales(3840, 2160, 20, 0.709f, 0.5f);
        assertThat(capped.get(0)).isCloseTo(full.get(0) / 2, within(1e-6f));
        assertThat(capped).hasSize(full.size() - 2);
    }

    @Test
    void levelSideRoundsUpAsTheReference() {
        assertThat(Pyramid.levelSide(640, 0.6f)).isEqualTo(385);
        assertThat(Pyramid.levelSide(480, 0.6f)).isEqualTo(289);
    }
}
