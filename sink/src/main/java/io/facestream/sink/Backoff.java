package io.facestream.sink;

import java.time.Duration;

/** Waits between retries: each twice the one before, up to a cap. */
public final class Backoff {
    private final Duration max;
    private Duration next;

    public Backoff(Duration first, Duration max) {
        this.next = first;
        this.max = max;
    }

    /** The wait before the next retry. */
    public Duration next() {
        Duration wait = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return wait;
    }
}
