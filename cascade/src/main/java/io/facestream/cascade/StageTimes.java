package io.facestream.cascade;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Time spent per {@link Stage}, summed over the calls it was passed to. Thread-safe; time of stages
 * that run on several threads at once (the pyramid levels) is summed over those threads.
 */
public final class StageTimes {
    private final AtomicLongArray nanos = new AtomicLongArray(Stage.values().length);

    void add(Stage stage, long startNanos) {
        nanos.addAndGet(stage.ordinal(), System.nanoTime() - startNanos);
    }

    public long nanos(Stage stage) {
        return nanos.get(stage.ordinal());
    }

    public void reset() {
        for (int i = 0; i < nanos.length(); i++) {
            nanos.set(i, 0);
        }
    }
}
