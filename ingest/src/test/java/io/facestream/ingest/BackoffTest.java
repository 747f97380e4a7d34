package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysDoubleWithJitterUpToTheCapAndStartOverAfterReset() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
        long[] ceilings = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000};
        for (long ceiling : ceilings) {
            assertThat(backoff.next().toMillis()).isBetween(ceiling / 2, ceiling);
        }
        backoff.reset();
        assertThat(backoff.next().toMillis()).isBetween(250L, 500L);
    }

    @Test
    void jitterSpreadsReconnects() {
        Backoff backoff = new Backoff(Duration.ofSeconds(8), Duration.ofSeconds(8));
        long distinct = java.util.stream.IntStream.range(0, 20).mapToLong(i -> backoff.next().toMillis()).distinct().count();
        assertThat(distinct).isGreaterThan(1);
    }
}
