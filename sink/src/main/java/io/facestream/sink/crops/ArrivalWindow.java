package io.facestream.sink.crops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Values waiting for their partner, kept for a bounded time after they arrive and up to a total weight (bytes, or one
 * a value); the oldest go first on both counts. Arrival order is insertion order, so both bounds cost O(1) a value.
 */
final class ArrivalWindow<V> {
    private record Waiting<V>(V value, long arrivedMs, long weight) {
    }

    private final Map<FrameKey, Waiting<V>> waiting = new LinkedHashMap<>();
    private final long maxAgeMs;
    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    private long weight;

    ArrivalWindow(Duration maxAge, long maxWeight, ToLongFunction<V> weigher) {
        if (maxAge.isNegative() || maxAge.isZero() || maxWeight < 1) {
            throw new IllegalArgumentException("a window needs a positive age and weight, got " + maxAge + " and "
                    + maxWeight);
        }
        this.maxAgeMs = maxAge.toMillis();
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    /**
     * Adds a value (replacing one under the same key) and drops the oldest while the total weight is over the bound.
     *
     * @return the values dropped for the weight bound
     */
    List<V> put(FrameKey key, V value, long nowMs) {
        remove(key);
        long valueWeight = weigher.applyAsLong(value);
        waiting.put(key, new Waiting<>(value, nowMs, valueWeight));
        weight += valueWeight;
        List<V> dropped = new ArrayList<>();
        Iterator<Waiting<V>> oldest = waiting.values().iterator();
        while (weight > maxWeight && oldest.hasNext()) {
            Waiting<V> entry = oldest.next();
            oldest.remove();
            weight -= entry.weight();
            dropped.add(entry.value());
        }
        return dropped;
    }

    Optional<V> remove(FrameKey key) {
        Waiting<V> entry = waiting.remove(key);
        if (entry == null) {
            return Optional.empty();
        }
        weight -= entry.weight();
        return Optional.of(entry.value());
    }

    /** Removes and returns the values that arrived more than the maximum age before {@code nowMs}. */
    List<V> expire(long nowMs) {
        List<V> expired = new ArrayList<>();
        Iterator<Waiting<V>> oldest = waiting.values().iterator();
        while (oldest.hasNext()) {
            Waiting<V> entry = oldest.next();
            if (nowMs - entry.arrivedMs() <= maxAgeMs) {
                break;
            }
            oldest.remove();
            weight -= entry.weight();
            expired.add(entry.value());
        }
        return expired;
    }

    int size() {
        return waiting.size();
    }

    long weight() {
        return weight;
    }
}
