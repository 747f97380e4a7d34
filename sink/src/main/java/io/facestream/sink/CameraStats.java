package io.facestream.sink;

import java.time.Instant;

/** What is stored of one camera; {@code lastEventTime} is the newest capture time, null when nothing is stored. */
public record CameraStats(String cameraId, long events, long eventsWithFaces, Instant lastEventTime) {
}
