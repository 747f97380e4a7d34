package io.facestream.cascade;

import java.util.EnumMap;
import java.util.Map;

/** Time spent per {@link Stage}, summed over the calls it was passed to; not thread-safe. */
public final class StageTimes {
    private final long[] nanos = new long[Stage.values().length];

    void add(Stage stage, long startNanos) {
        nanos[stage.ordinal()] += System.nanoTime() - startNanos;
    }

    public long nanos(Stage stage) {
        return nanos[stage.ordinal()];
    }

    public Map<Stage, Long> asMap() {
        Map<Stage, Long> map = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            map.put(stage, nanos(stage));
        }
        return map;
    }

    public void reset() {
        java.util.Arrays.fill(nanos, 0);
    }
}
