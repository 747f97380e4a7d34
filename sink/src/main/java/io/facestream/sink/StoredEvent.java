package io.facestream.sink;

import java.time.Instant;
import java.util.List;

/** A face event as stored: what a detector worker found in one frame. */
public record StoredEvent(String cameraId, long sequence, Instant captureTime, Instant ingestTime, Instant detectTime,
                          int width, int height, String status, String model, String provider, String workerId,
                          List<Face> faces) {

    public StoredEvent {
        faces = List.copyOf(faces);
    }

    /** A face: box corners and landmarks in frame pixels, the O-Net score. */
    public record Face(float x1, float y1, float x2, float y2, float score, List<Point> landmarks) {
        public Face {
            landmarks = List.copyOf(landmarks);
        }
    }

    public record Point(float x, float y) {
    }
}
