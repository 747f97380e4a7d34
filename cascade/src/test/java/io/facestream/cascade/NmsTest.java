package io.facestream.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NmsTest {

    private static Candidate scored(float score, float x1, float y1, float x2, float y2) {
        return new Candidate(new Box(x1, y1, x2, y2), score, BoxOffsets.NONE);
    }

    @Test
    void keepsTheBestOfOverlappingBoxesAndAllSeparateOnes() {
        Candidate best = scored(0.9f, 0, 0, 10, 10);
        Candidate shifted = scored(0.8f, 1, 0, 11, 10); // IoU 9/11 with best
        Candidate apart = scored(0.7f, 50, 50, 60, 60);
        List<Candidate> kept = Nms.suppress(List.of(apart, shifted, best), 0.5f, Nms.Overlap.UNION);
        assertThat(kept).containsExactly(best, apart);
    }

    @Test
    void overlapEqualToTheThresholdIsKept() {
        Candidate a = scored(0.9f, 0, 0, 10, 10);
        Candidate b = scored(0.8f, 5, 0, 15, 10); // IoU exactly 1/3
        assertThat(Nms.suppress(List.of(a, b), 1f / 3f, Nms.Overlap.UNION)).hasSize(2);
        assertThat(Nms.suppress(List.of(a, b), 0.3f, Nms.Overlap.UNION)).containsExactly(a);
    }

    @Test
    void minModeDropsABoxNestedInABetterOneThatUnionModeKeeps() {
        Candidate outer = scored(0.99f, 0, 0, 100, 100);
        Candidate inner = scored(0.9f, 10, 10, 40, 40);
        assertThat(Nms.suppress(List.of(outer, inner), 0.7f, Nms.Overlap.UNION)).hasSize(2);
        assertThat(Nms.suppress(List.of(outer, inner), 0.7f, Nms.Overlap.MIN)).containsExactly(outer);
    }

    @Test
    void suppressedBoxesDoNotSuppressOthers() {
        Candidate a = scored(0.9f, 0, 0, 10, 10);
        Candidate b = scored(0.8f, 4, 0, 14, 10); // overlaps a (IoU 0.43) and c
        Candidate c = scored(0.7f, 8, 0, 18, 10); // overlaps b (IoU 0.43), not a (IoU 0.11)
        assertThat(Nms.suppress(List.of(a, b, c), 0.4f, Nms.Overlap.UNION)).containsExactly(a, c);
    }

    @Test
    void emptyInputGivesEmptyOutput() {
        assertThat(Nms.suppress(List.<Candidate>of(), 0.5f, Nms.Overlap.UNION)).isEmpty();
    }
}
