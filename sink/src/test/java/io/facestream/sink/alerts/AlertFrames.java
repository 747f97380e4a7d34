package io.facestream.sink.alerts;

import io.facestream.schemas.avro.BoundingBox;
import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Landmark;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/** Frames for alert tests: 640x480, frame {@code sequence} captured {@code sequence * 200 ms} (5 frames/s) after START. */
final class AlertFrames {
    static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
    static final Duration FRAME_INTERVAL = Duration.ofMillis(200);

    private AlertFrames() {
    }

    static Instant captureTime(long sequence) {
        return START.plus(FRAME_INTERVAL.multipliedBy(sequence));
    }

    /** A square face of side {@code size} pixels centred at ({@code cx}, {@code cy}). */
    static DetectedFace face(float cx, float cy, float size, float score) {
        return new DetectedFace(new BoundingBox(cx - size / 2, cy - size / 2, cx + size / 2, cy + size / 2), score,
                Collections.nCopies(5, new Landmark(cx, cy)), null, null);
    }

    /** {@code face} as followed by a worker's tracker, in track {@code trackId}. */
    static DetectedFace tracked(DetectedFace face, String trackId) {
        return DetectedFace.newBuilder(face).setTrackId(trackId).build();
    }

    /** A big, confident face in the middle of the picture. */
    static DetectedFace clearFace() {
        return face(320, 240, 120, 0.99f);
    }

    static FaceDetections frame(String camera, long sequence, DetectedFace... faces) {
        return frame(camera, sequence, DetectionStatus.OK, faces);
    }

    static FaceDetections frame(String camera, long sequence, DetectionStatus status, DetectedFace... faces) {
        Instant capture = captureTime(sequence);
        return FaceDetections.newBuilder().setCameraId(camera).setSequence(sequence).setCaptureTime(capture)
                .setIngestTime(capture.plusMillis(5)).setDetectTime(capture.plusMillis(50)).setWidth(640).setHeight(480)
                .setStatus(status).setFaces(List.of(faces)).build();
    }
}
