package io.facestream.ingest;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays that double from an initial value up to a cap, with "equal jitter" (half fixed,
 * half random) so that many cameras dropped by one network fault do not reconnect in lockstep.
 */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private int failures;

    public Backoff(Duration initial, Duration max) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
    }

    /** The delay before the next attempt; each call counts one more failure. */
    public Duration next() {
        long ceiling = Math.min(maxMillis, initialMillis << Math.min(failures, 20));
        failures++;
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }

    /** After a success the next failure starts from the initial delay again. */
    public void reset() {
        failures = 0;
    }
}
