package io.facestream.blazeface;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TilesTest {

    @ParameterizedTest(name = "{0}x{1}, faces from {2}: {3}")
    @CsvSource({
            // 640 * 16 / 128 = 80: the letterboxed frame alone sees faces of 80 pixels.
            "640, 480, 80, SHORT_RANGE, 1",
            // Tiles of 320 overlapping by 80: 3 x 2; then the whole frame.
            "640, 480, 40, SHORT_RANGE, 7",
            // 640 * 12 / 192 = 40.
            "640, 480, 40, FULL_RANGE, 1",
            // Tiles of 320 (overlap 40): 3 x 2; 640 reaches the frame.
            "640, 480, 20, FULL_RANGE, 7",
            // 320: 5 x 3 tiles; 640: 3 x 2; the whole frame.
            "1280, 720, 40, SHORT_RANGE, 22"})
    void squaresNeeded(int width, int height, int minFace, BlazeFaceModel model, int squares) {
        assertThat(Tiles.plan(width, height, minFace, model)).hasSize(squares);
    }

    @ParameterizedTest(name = "{0}x{1}, faces from {2}")
    @CsvSource({"640, 480, 40", "1280, 720, 30", "1920, 1080, 20", "1080, 1920, 60", "300, 200, 20"})
    void everyFaceFromTheMinimumSizeUpLiesWholeInASquareThatSeesItLargeEnough(int width, int height, int minFace) {
        for (BlazeFaceModel model : BlazeFaceModel.values()) {
            List<Square> squares = Tiles.plan(width, height, minFace, model);
            for (int face = minFace; face <= Math.min(width, height); face = face * 5 / 4 + 1) {
                for (int x = 0; x + face <= width; x += Math.max(1, face / 3)) {
                    for (int y = 0; y + face <= height; y += Math.max(1, face / 3)) {
                        assertThat(seenBySome(squares, x, y, face, model))
                                .as("%s: a face of %d at (%d, %d)", model, face, x, y).isTrue();
                    }
                }
            }
        }
    }

    /** Some square holds the face whole and shows it at least the model's smallest face in input pixels. */
    private static boolean seenBySome(List<Square> squares, int x, int y, int face, BlazeFaceModel model) {
        for (Square s : squares) {
            boolean inside = x >= s.x() - 1e-3 && y >= s.y() - 1e-3 && x + face <= s.x() + s.side() + 1e-3
                    && y + face <= s.y() + s.side() + 1e-3;
            if (inside && face * model.inputSide() / s.side() >= model.smallestFace() - 1e-3) {
                return true;
            }
        }
        return false;
    }
}
