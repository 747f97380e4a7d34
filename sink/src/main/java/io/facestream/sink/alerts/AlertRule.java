package io.facestream.sink.alerts;

import io.facestream.schemas.AlertRulesJson;
import io.facestream.schemas.avro.AlertRules;
import io.facestream.schemas.avro.AlertZone;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * When a camera raises door alerts: a face counts when its score is at least {@code minScore} and the shorter side of
 * its box at least {@code minFaceSize} pixels; FACE_PRESENT when {@code presentFrames} (k) of the last
 * {@code windowFrames} (n) examined frames hold one; FACE_GONE after {@code goneAfter} without one. With zones, each
 * zone has episodes of its own and faces outside every zone are ignored; without, the whole picture is one zone.
 * With {@code perPerson}, each face track has episodes of its own within its zone; faces without a track id share
 * the zone's episodes as without it. {@code notifyOf} says whose episodes raise alerts: everyone, or only those whose
 * best face the gallery does (known) or does not (unknown) name.
 */
public record AlertRule(double minScore, int minFaceSize, int presentFrames, int windowFrames, Duration goneAfter,
                        boolean cameraDown, boolean perPerson, Notify notifyOf, List<Zone> zones) {
    /** The window is kept as a bit mask of a long; the limit is shared with the camera file and the API. */
    public static final int MAX_WINDOW_FRAMES = AlertRulesJson.MAX_WINDOW_FRAMES;

    public AlertRule {
        zones = List.copyOf(zones);
        require(minScore >= 0 && minScore <= 1, "minScore", "must be 0 to 1, was " + minScore);
        require(minFaceSize >= 0, "minFaceSize", "must not be negative, was " + minFaceSize);
        require(windowFrames >= 1 && windowFrames <= MAX_WINDOW_FRAMES, "windowFrames",
                "must be 1 to " + MAX_WINDOW_FRAMES + ", was " + windowFrames);
        require(presentFrames >= 1 && presentFrames <= windowFrames, "presentFrames",
                "must be 1 to windowFrames (" + windowFrames + "), was " + presentFrames);
        require(!goneAfter.isNegative() && !goneAfter.isZero(), "goneAfterMillis",
                "must be positive, was " + goneAfter.toMillis());
        Set<String> names = new HashSet<>();
        for (Zone zone : zones) {
            require(names.add(zone.name()), "zones", "zone name " + zone.name() + " is used twice");
        }
    }

    /** {@code configured}'s fields where set, {@code defaults}' elsewhere; null: the defaults. */
    public static AlertRule of(AlertRules configured, AlertRule defaults) {
        if (configured == null) {
            return defaults;
        }
        return new AlertRule(
                configured.getMinScore() != null ? configured.getMinScore() : defaults.minScore(),
                configured.getMinFaceSize() != null ? configured.getMinFaceSize() : defaults.minFaceSize(),
                configured.getPresentFrames() != null ? configured.getPresentFrames() : defaults.presentFrames(),
                configured.getWindowFrames() != null ? configured.getWindowFrames() : defaults.windowFrames(),
                configured.getGoneAfterMillis() != null ? Duration.ofMillis(configured.getGoneAfterMillis())
                        : defaults.goneAfter(),
                configured.getCameraDown(),
                configured.getPerPerson(),
                configured.getNotify() != null ? Notify.parse("notify", configured.getNotify())
                        : defaults.notifyOf(),
                configured.getZones().stream().map(AlertRule::zone).toList());
    }

    private static Zone zone(AlertZone zone) {
        return new Zone(zone.getName(), zone.getPolygon().stream()
                .map(point -> new Zone.Corner(point.getX(), point.getY())).toList());
    }

    private static void require(boolean valid, String field, String problem) {
        if (!valid) {
            throw new IllegalArgumentException(field + " " + problem);
        }
    }
}
