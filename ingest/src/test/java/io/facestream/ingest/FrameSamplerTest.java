package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FrameSamplerTest {

    private static long taken(FrameSampler sampler, double sourceFps, double seconds) {
        long frames = Math.round(sourceFps * seconds);
        return LongStream.range(0, frames).filter(i -> sampler.take(Math.round(i * 1_000_000 / sourceFps))).count();
    }

    @Test
    void everyFifthFrameOfA25FpsSourceAt5Fps() {
        assertThat(taken(new FrameSampler(5), 25, 10)).isEqualTo(50);
    }

    @Test
    void ntscRateTimestampsRoundedToMillisecondsStillGiveTheTargetRate() {
        FrameSampler sampler = new FrameSampler(10);
        long frames = LongStream.range(0, 300).filter(i -> sampler.take((i * 1001 / 30) * 1000)).count();
        assertThat(frames).isBetween(99L, 101L);
    }

    @Test
    void sourceSlowerThanTargetSendsEveryFrame() {
        assertThat(taken(new FrameSampler(15), 10, 5)).isEqualTo(50);
    }

    @Test
    void gapDoesNotCauseABurst() {
        FrameSampler sampler = new FrameSampler(5);
        assertThat(sampler.take(0)).isTrue();
        assertThat(sampler.take(3_000_000)).isTrue();
        assertThat(sampler.take(3_040_000)).isFalse();
        assertThat(sampler.take(3_200_000)).isTrue();
    }

    @Test
    void clockJumpingBackStartsANewGrid() {
        FrameSampler sampler = new FrameSampler(5);
        sampler.take(0);
        sampler.take(10_000_000);
        assertThat(sampler.take(0)).isTrue();
        assertThat(sampler.take(40_000)).isFalse();
    }
}
