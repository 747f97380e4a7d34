package io.facestream.sink.alerts;

import java.time.Instant;
import java.util.Optional;

/**
 * Which stored alerts to return, newest first.
 *
 * @param from  inclusive; @param to exclusive (alert time)
 * @param track only the alerts of this face track's per-person episodes (track ids are unique per camera, not across
 *              cameras)
 */
public record AlertQuery(Optional<String> cameraId, Optional<Instant> from, Optional<Instant> to, int limit, int offset,
                         Optional<String> track) {
    public static final int MAX_LIMIT = 1000;

    public AlertQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
    }

    public AlertQuery(Optional<String> cameraId, Optional<Instant> from, Optional<Instant> to, int limit, int offset) {
        this(cameraId, from, to, limit, offset, Optional.empty());
    }

    public static AlertQuery ofCamera(String cameraId, int limit) {
        return new AlertQuery(Optional.of(cameraId), Optional.empty(), Optional.empty(), limit, 0);
    }
}
