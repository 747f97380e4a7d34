package io.facestream.sink.alerts;

import io.facestream.schemas.avro.Alert;
import io.facestream.schemas.avro.AlertFace;
import java.time.Instant;

/**
 * An alert as the REST API, the webhook and MQTT show it. {@code bestFace.crop} is the path of the face's aligned crop
 * on the sink's HTTP server; {@code trackId} is the face track of a per-person episode (null: the zone's shared one);
 * {@code personId} and {@code person} who the best face is (null: unknown), {@code similarity} its best match's.
 */
public record StoredAlert(String alertId, String cameraId, String zone, String type, Instant time, Instant episodeStart,
                          Long sequence, BestFace bestFace, String reason, String trackId, Long personId, String person,
                          Float similarity) {

    /** The best face of the episode: box corners in frame pixels, and where its crop is served. */
    public record BestFace(long sequence, int faceIndex, float score, float x1, float y1, float x2, float y2,
                           String crop) {
        public BestFace(String cameraId, long sequence, int faceIndex, float score, float x1, float y1, float x2,
                        float y2) {
            this(sequence, faceIndex, score, x1, y1, x2, y2, "/api/crops/" + cameraId + "/" + sequence + "/" + faceIndex);
        }
    }

    public static StoredAlert of(Alert alert) {
        AlertFace face = alert.getBestFace();
        return new StoredAlert(alert.getAlertId(), alert.getCameraId(), alert.getZone(), alert.getType().name(),
                alert.getTime(), alert.getEpisodeStart(), alert.getSequence(),
                face == null ? null : new BestFace(alert.getCameraId(), face.getSequence(), face.getFaceIndex(),
                        face.getScore(), face.getX1(), face.getY1(), face.getX2(), face.getY2()),
                alert.getReason(), alert.getTrackId(), alert.getPersonId(), alert.getPerson(), alert.getSimilarity());
    }
}
