package io.facestream.sink;

import java.time.Instant;
import java.util.Optional;

/**
 * Which stored events to return, newest capture time first.
 *
 * @param from  inclusive; @param to exclusive
 * @param track only events with a face of this track (track ids are unique per camera, not across cameras)
 */
public record EventQuery(Optional<String> cameraId, Optional<Instant> from, Optional<Instant> to, int limit, int offset,
                         Optional<String> track) {
    public static final int MAX_LIMIT = 1000;

    public EventQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
    }

    public EventQuery(Optional<String> cameraId, Optional<Instant> from, Optional<Instant> to, int limit, int offset) {
        this(cameraId, from, to, limit, offset, Optional.empty());
    }

    public static EventQuery latest(int limit) {
        return new EventQuery(Optional.empty(), Optional.empty(), Optional.empty(), limit, 0);
    }

    public static EventQuery ofCamera(String cameraId, int limit) {
        return new EventQuery(Optional.of(cameraId), Optional.empty(), Optional.empty(), limit, 0);
    }
}
