package io.facestream.sink.live;

import io.facestream.schemas.avro.Alert;
import io.facestream.schemas.avro.AlertFace;
import io.facestream.schemas.avro.AlertType;
import io.facestream.schemas.avro.BoundingBox;
import io.facestream.schemas.avro.CameraState;
import io.facestream.schemas.avro.CameraStatus;
import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import io.facestream.schemas.avro.FrameEncoding;
import io.facestream.schemas.avro.Landmark;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/** Records of the topics the live feed follows, for tests: frame {@code sequence} is captured at {@code sequence} × 200 ms. */
public final class LiveRecords {
    public static final Instant START = Instant.parse("2026-03-01T08:00:00Z");

    private LiveRecords() {
    }

    public static Instant captured(long sequence) {
        return START.plusMillis(200 * sequence);
    }

    public static Frame frame(String camera, long sequence, byte[] jpeg, int width, int height) {
        return Frame.newBuilder().setCameraId(camera).setSequence(sequence).setCaptureTime(captured(sequence))
                .setIngestTime(captured(sequence).plusMillis(3)).setWidth(width).setHeight(height)
                .setEncoding(FrameEncoding.JPEG).setData(ByteBuffer.wrap(jpeg)).build();
    }

    /** An event with the given faces, detected 80 ms after capture. */
    public static FaceDetections detections(String camera, long sequence, int width, int height, List<DetectedFace> faces) {
        return FaceDetections.newBuilder().setCameraId(camera).setSequence(sequence).setCaptureTime(captured(sequence))
                .setIngestTime(captured(sequence).plusMillis(3)).setDetectTime(captured(sequence).plusMillis(80))
                .setWidth(width).setHeight(height).setStatus(DetectionStatus.OK).setFaces(faces).build();
    }

    /** A face in the box, with landmarks where a face's eyes, nose and mouth corners would be. */
    public static DetectedFace face(float x1, float y1, float x2, float y2, float score) {
        float w = x2 - x1;
        float h = y2 - y1;
        List<Landmark> landmarks = List.of(new Landmark(x1 + 0.3f * w, y1 + 0.4f * h), new Landmark(x1 + 0.7f * w, y1 + 0.4f * h),
                new Landmark(x1 + 0.5f * w, y1 + 0.6f * h), new Landmark(x1 + 0.35f * w, y1 + 0.8f * h),
                new Landmark(x1 + 0.65f * w, y1 + 0.8f * h));
        return new DetectedFace(new BoundingBox(x1, y1, x2, y2), score, landmarks, null, null);
    }

    public static Alert facePresent(String camera, long sequence, DetectedFace best) {
        BoundingBox box = best.getBox();
        return Alert.newBuilder().setAlertId(camera + "/door/FACE_PRESENT/" + sequence).setCameraId(camera)
                .setZone("door").setType(AlertType.FACE_PRESENT).setTime(captured(sequence))
                .setEpisodeStart(captured(sequence)).setSequence(sequence)
                .setBestFace(new AlertFace(sequence, 0, best.getScore(), box.getX1(), box.getY1(), box.getX2(), box.getY2()))
                .build();
    }

    public static CameraStatus status(String camera, CameraState state, String reason) {
        return CameraStatus.newBuilder().setCameraId(camera).setState(state).setReason(reason).setTime(START)
                .setMeasuredFps(5f).setFramesSent(10).setIngestInstance("ingest-1").build();
    }
}
