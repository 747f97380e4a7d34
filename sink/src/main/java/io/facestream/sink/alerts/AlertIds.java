package io.facestream.sink.alerts;

import io.facestream.schemas.avro.AlertType;

/**
 * Alert ids: the same alert always gets the same id, so receivers recognise a redelivery. A camera's frame sequence
 * starts again at 0 when ingest restarts it, so an episode is named by its opening frame's sequence and capture time.
 */
final class AlertIds {
    private AlertIds() {
    }

    /** {@code camera/zone/TYPE/sequence/millis}, zone "-" for the whole picture. */
    static String ofEpisode(String camera, String zone, AlertType type, long openingSequence, long episodeStart) {
        return ofEpisode(camera, zone, null, type, openingSequence, episodeStart);
    }

    /**
     * As above, with {@code /track} after it for a face track's episode (null: none): two people's episodes may open
     * on the same frame.
     */
    static String ofEpisode(String camera, String zone, String track, AlertType type, long openingSequence,
                            long episodeStart) {
        return camera + "/" + (zone == null ? "-" : zone) + "/" + type + "/" + openingSequence + "/" + episodeStart
                + (track == null ? "" : "/" + track);
    }

    /** {@code camera/-/TYPE/millis} for a camera going down or up at status time {@code millis}. */
    static String ofCameraStatus(String camera, AlertType type, long statusTime) {
        return camera + "/-/" + type + "/" + statusTime;
    }
}
