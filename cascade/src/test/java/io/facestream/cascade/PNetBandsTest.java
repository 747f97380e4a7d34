package io.facestream.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.samples.SamplePhoto;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** P-Net over a pyramid level in bands of its output rows gives the whole level's map, value for value. */
class PNetBandsTest {
    private static Networks networks;
    private static IntegralImage photo;

    @BeforeAll
    static void load() {
        networks = Networks.load(DetectorOptions.builder().provider(ExecutionProvider.CPU).build());
        photo = IntegralImage.of(GoldenPhotosTest.read(SamplePhoto.ASTRONAUT));
    }

    @AfterAll
    static void close() {
        networks.close();
    }

    /** Odd and even level heights: the max pool rounds up on odd ones, which only the last band may see. */
    @ParameterizedTest
    @CsvSource({"307, 32", "308, 32", "154, 7", "13, 32"})
    void bandsReproduceTheWholeLevelsMap(int side, int bandRows) {
        NetworkOutput whole = run(side, 0, side);
        int mapRows = Pyramid.mapRows(side);
        assertThat(whole.height()).as("rows of P-Net's map").isEqualTo(mapRows);

        for (int firstRow = 0; firstRow < mapRows; firstRow += bandRows) {
            int rows = Math.min(bandRows, mapRows - firstRow);
            NetworkOutput band = run(side, 2 * firstRow, Pyramid.bandInputRows(side, firstRow, rows));
            assertThat(band.height()).isEqualTo(rows);
            for (int row = 0; row < rows; row++) {
                for (int col = 0; col < whole.width(); col++) {
                    assertThat(band.faceScore(0, row, col)).as("score at %d,%d", firstRow + row, col)
                            .isEqualTo(whole.faceScore(0, firstRow + row, col));
                    assertThat(band.offsets(0, row, col)).isEqualTo(whole.offsets(0, firstRow + row, col));
                }
            }
        }
    }

    /** P-Net on rows {@code firstRow} to {@code firstRow + rows} of the photo resampled to {@code side x side}. */
    private static NetworkOutput run(int side, int firstRow, int rows) {
        FloatBuffer input = Networks.inputBuffer(3 * side * rows);
        photo.resampleRowsInto(input, 0, 0, 0, photo.width(), photo.height(), side, side, firstRow, rows);
        return networks.pnet(input, 1, rows, side);
    }
}
