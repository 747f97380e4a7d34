package io.facestream.blazeface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AnchorsTest {

    @Test
    void shortRangeHasTwoAnchorsPerCellOfA16GridThenSixPerCellOfAn8Grid() {
        float[] centres = Anchors.centres(BlazeFaceModel.SHORT_RANGE);

        assertThat(centres).hasSize(2 * 896);
        assertThat(Anchors.count(BlazeFaceModel.SHORT_RANGE)).isEqualTo(896);
        // Cell (0, 0) of the 16x16 grid, twice; then cell (1, 0).
        assertCentre(centres, 0, 0.5f / 16, 0.5f / 16);
        assertCentre(centres, 1, 0.5f / 16, 0.5f / 16);
        assertCentre(centres, 2, 1.5f / 16, 0.5f / 16);
        // Cell (15, 0) ends the first row; cell (0, 1) starts the second.
        assertCentre(centres, 31, 15.5f / 16, 0.5f / 16);
        assertCentre(centres, 32, 0.5f / 16, 1.5f / 16);
        // The 8x8 grid from anchor 512 on: six anchors on cell (0, 0), then cell (1, 0).
        for (int a = 512; a < 518; a++) {
            assertCentre(centres, a, 0.5f / 8, 0.5f / 8);
        }
        assertCentre(centres, 518, 1.5f / 8, 0.5f / 8);
        assertCentre(centres, 895, 7.5f / 8, 7.5f / 8);
    }

    @Test
    void fullRangeHasOneAnchorPerCellOfA48Grid() {
        float[] centres = Anchors.centres(BlazeFaceModel.FULL_RANGE);

        assertThat(Anchors.count(BlazeFaceModel.FULL_RANGE)).isEqualTo(2304);
        assertCentre(centres, 0, 0.5f / 48, 0.5f / 48);
        assertCentre(centres, 1, 1.5f / 48, 0.5f / 48);
        assertCentre(centres, 48, 0.5f / 48, 1.5f / 48);
        assertCentre(centres, 2303, 47.5f / 48, 47.5f / 48);
    }

    private static void assertCentre(float[] centres, int anchor, float x, float y) {
        assertThat(centres[2 * anchor]).as("x of anchor %d", anchor).isCloseTo(x, within(1e-6f));
        assertThat(centres[2 * anchor + 1]).as("y of anchor %d", anchor).isCloseTo(y, within(1e-6f));
    }
}
