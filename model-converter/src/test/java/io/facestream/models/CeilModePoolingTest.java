package io.facestream.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CeilModePoolingTest {

    @Test
    void twoByTwoStrideTwoReproducesSameAtEverySize() {
        assertThat(CeilModePooling.reproducesSame(2, 2, OptionalInt.empty())).isTrue();
        for (int size = 2; size < 100; size++) {
            assertThat(CeilModePooling.reproducesSame(2, 2, OptionalInt.of(size))).as("size %d", size).isTrue();
        }
    }

    @Test
    void threeByThreeStrideTwoReproducesSameOnlyOnEvenSizes() {
        assertThat(CeilModePooling.reproducesSame(3, 2, OptionalInt.of(22))).isTrue();
        assertThat(CeilModePooling.reproducesSame(3, 2, OptionalInt.of(46))).isTrue();
        assertThat(CeilModePooling.reproducesSame(3, 2, OptionalInt.of(23))).isFalse();
        assertThat(CeilModePooling.reproducesSame(3, 2, OptionalInt.empty())).isFalse();
    }

    @Test
    void strideThreeWouldPadInFrontSoIsRefusedForUnknownSizes() {
        assertThat(CeilModePooling.reproducesSame(3, 3, OptionalInt.empty())).isFalse();
        assertThat(CeilModePooling.reproducesSame(3, 3, OptionalInt.of(10))).isFalse();
    }
}
