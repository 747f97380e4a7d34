package io.facestream.sink;

import java.time.Instant;
import java.util.Optional;

/**
 * Which stored data a deletion removes: the events of one camera (or of all) captured in {@code [from, to)}, open
 * where empty, and everything kept with them.
 */
public record EventScope(Optional<String> cameraId, Optional<Instant> from, Optional<Instant> to) {

    public EventScope {
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("from must be before to, was " + from.get() + " and " + to.get());
        }
    }

    public static EventScope ofCamera(String cameraId) {
        return new EventScope(Optional.of(cameraId), Optional.empty(), Optional.empty());
    }

    /** Everything captured before {@code cutoff}, of every camera. */
    public static EventScope before(Instant cutoff) {
        return new EventScope(Optional.empty(), Optional.empty(), Optional.of(cutoff));
    }
}
