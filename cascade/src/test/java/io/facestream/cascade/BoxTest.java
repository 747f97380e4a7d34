package io.facestream.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BoxTest {

    @Test
    void iouOfIdenticalBoxesIsOne() {
        Box box = new Box(10, 20, 50, 80);
        assertThat(box.iou(box)).isEqualTo(1f);
    }

    @Test
    void iouOfDisjointOrTouchingBoxesIsZero() {
        Box box = new Box(0, 0, 10, 10);
        assertThat(box.iou(new Box(20, 20, 30, 30))).isZero();
        assertThat(box.iou(new Box(10, 0, 20, 10))).isZero();
    }

    @Test
    void iouOfHalfShiftedSquares() {
        // overlap 5x10 = 50; union 100 + 100 - 50 = 150
        assertThat(new Box(0, 0, 10, 10).iou(new Box(5, 0, 15, 10))).isCloseTo(1f / 3f, within(1e-6f));
    }

    @Test
    void overlapOfSmallerIsOneForANestedBox() {
        Box outer = new Box(0, 0, 100, 100);
        Box inner = new Box(10, 10, 30, 30);
        assertThat(outer.overlapOfSmaller(inner)).isEqualTo(1f);
        assertThat(outer.iou(inner)).isCloseTo(0.04f, within(1e-6f));
    }

    @Test
    void regressionMovesEachSideByAFractionOfTheBoxSize() {
        Box box = new Box(100, 200, 140, 280); // 40 wide, 80 high
        Box moved = box.regress(new BoxOffsets(0.1f, -0.25f, 0.5f, 0f));
        assertThat(moved).isEqualTo(new Box(104, 180, 160, 280));
    }

    @Test
    void squareKeepsTheCentreAndTakesTheLongerSide() {
        Box tall = new Box(10, 0, 30, 60).square();
        assertThat(tall).isEqualTo(new Box(-10, 0, 50, 60));
        Box wide = new Box(0, 10, 40, 20).square();
        assertThat(wide).isEqualTo(new Box(0, -5, 40, 35));
    }
}
