package io.facestream.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.cascade.Box;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When each kind of scan is chosen, on motion grids made by hand (a 320x240 frame, cells of 8 pixels). */
class ScanPolicyTest {
    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static final int CELL = 8;
    private static final Box TRACKED_PERSON = new Box(100, 40, 200, 200);

    private final ScanPolicy policy = new ScanPolicy(Duration.ofSeconds(2), 20);

    @Test
    void theFirstFrameIsScannedWhole() {
        assertThat(plan(0, still(), List.of()).scan()).isEqualTo(Scan.FULL);
    }

    @Test
    void noMotionAndNoTrackRunNothingEvenAfterTheInterval() {
        plan(0, still(), List.of());
        assertThat(plan(200, still(), List.of()).scan()).isEqualTo(Scan.NONE);
        assertThat(plan(60_000, still(), List.of()).scan()).isEqualTo(Scan.NONE);
    }

    @Test
    void motionOutsideTrackedFacesScansItsRegionWithAMarginOnly() {
        plan(0, still(), List.of());
        ScanPlan plan = plan(200, moving(new Box(240, 80, 264, 120), new Box(120, 80, 144, 120)),
                List.of(TRACKED_PERSON));
        assertThat(plan.scan()).isEqualTo(Scan.REGIONS);
        assertThat(plan.regions()).containsExactly(new Box(220, 60, 284, 140));
    }

    @Test
    void overlappingRegionsAreMergedAndClippedToTheFrame() {
        plan(0, still(), List.of());
        ScanPlan plan = plan(200, moving(new Box(0, 0, 16, 16), new Box(40, 0, 56, 16)), List.of());
        assertThat(plan.regions()).containsExactly(new Box(0, 0, 76, 36));
    }

    @Test
    void motionOfTrackedPeopleOnlyRefinesTheirFaces() {
        plan(0, still(), List.of());
        assertThat(plan(200, moving(new Box(120, 80, 144, 120)), List.of(TRACKED_PERSON)).scan())
                .isEqualTo(Scan.TRACKED);
        assertThat(plan(400, still(), List.of(TRACKED_PERSON)).scan()).isEqualTo(Scan.TRACKED);
    }

    @Test
    void motionInTheTrailOfAPersonWhoLeftIsExplainedButStillCallsForTheFullScanAtTheInterval() {
        plan(0, still(), List.of());
        Motion trail = moving(new Box(120, 80, 176, 184));
        assertThat(policy.plan(200, trail, List.of(), List.of(TRACKED_PERSON), WIDTH, HEIGHT).scan())
                .isEqualTo(Scan.NONE);
        assertThat(policy.plan(400, moving(new Box(120, 80, 176, 184), new Box(240, 80, 264, 120)), List.of(),
                List.of(TRACKED_PERSON), WIDTH, HEIGHT).regions()).containsExactly(new Box(220, 60, 284, 140));
        assertThat(policy.plan(2000, trail, List.of(), List.of(TRACKED_PERSON), WIDTH, HEIGHT).scan())
                .isEqualTo(Scan.FULL);
    }

    @Test
    void whileAFaceIsTrackedTheWholeFrameIsScannedAtTheInterval() {
        plan(0, still(), List.of());
        assertThat(plan(1800, still(), List.of(TRACKED_PERSON)).scan()).isEqualTo(Scan.TRACKED);
        assertThat(plan(2000, still(), List.of(TRACKED_PERSON)).scan()).isEqualTo(Scan.FULL);
        assertThat(plan(2200, still(), List.of(TRACKED_PERSON)).scan()).isEqualTo(Scan.TRACKED);
    }

    @Test
    void aRescanOrMotionOverMostOfTheFrameOrTimeGoingBackScansWhole() {
        plan(10_000, still(), List.of());
        assertThat(plan(10_200, Motion.global(), List.of()).scan()).isEqualTo(Scan.FULL);
        assertThat(plan(10_400, moving(new Box(0, 0, 240, 200)), List.of()).scan())
                .isEqualTo(Scan.FULL);
        assertThat(plan(200, still(), List.of()).scan()).isEqualTo(Scan.FULL);
    }

    /** The plan with the given tracked people and no trail. */
    private ScanPlan plan(long timeMs, Motion motion, List<Box> trackZones) {
        return policy.plan(timeMs, motion, trackZones, List.of(), WIDTH, HEIGHT);
    }

    private static Motion still() {
        return moving();
    }

    /** A grid with the cells inside {@code areas} moving. */
    private static Motion moving(Box... areas) {
        int columns = WIDTH / CELL;
        int rows = HEIGHT / CELL;
        boolean[] cells = new boolean[columns * rows];
        for (Box area : areas) {
            for (int y = (int) area.y1() / CELL; y < (int) area.y2() / CELL; y++) {
                for (int x = (int) area.x1() / CELL; x < (int) area.x2() / CELL; x++) {
                    cells[y * columns + x] = true;
                }
            }
        }
        return new Motion(false, cells, columns, rows, CELL);
    }
}
