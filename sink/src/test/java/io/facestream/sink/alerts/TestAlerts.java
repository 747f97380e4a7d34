package io.facestream.sink.alerts;

import io.facestream.schemas.avro.Alert;
import io.facestream.schemas.avro.AlertFace;
import io.facestream.schemas.avro.AlertType;
import java.time.Instant;

/** Alerts for delivery tests, raised {@code second} seconds after a fixed start. */
final class TestAlerts {
    static final Instant START = Instant.parse("2026-03-01T08:00:00.250Z");

    private TestAlerts() {
    }

    static Alert facePresent(String camera, String zone, long sequence, int second) {
        Instant time = START.plusSeconds(second);
        return Alert.newBuilder()
                .setAlertId(AlertIds.ofEpisode(camera, zone, AlertType.FACE_PRESENT, sequence, time.toEpochMilli()))
                .setCameraId(camera).setZone(zone).setType(AlertType.FACE_PRESENT).setTime(time)
                .setEpisodeStart(time.minusMillis(400)).setSequence(sequence)
                .setBestFace(new AlertFace(sequence - 1, 0, 0.9987f, 10.5f, 20.25f, 130.75f, 160f)).build();
    }

    /** {@link #facePresent} of face track {@code track}'s own episode, as under per-person rules: Ada's, person 3. */
    static Alert personPresent(String camera, String zone, String track, long sequence, int second) {
        Alert shared = facePresent(camera, zone, sequence, second);
        shared.setTrackId(track);
        shared.setAlertId(AlertIds.ofEpisode(camera, zone, track, AlertType.FACE_PRESENT, sequence,
                shared.getTime().toEpochMilli()));
        shared.setPersonId(3L);
        shared.setPerson("Ada");
        shared.setSimilarity(0.82f);
        return shared;
    }

    static Alert cameraDown(String camera, int second, String reason) {
        Instant time = START.plusSeconds(second);
        return Alert.newBuilder().setAlertId(AlertIds.ofCameraStatus(camera, AlertType.CAMERA_DOWN, time.toEpochMilli()))
                .setCameraId(camera).setType(AlertType.CAMERA_DOWN).setTime(time).setReason(reason).build();
    }
}
