package io.facestream.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facestream.schemas.avro.AlertRules;
import io.facestream.schemas.avro.AlertZone;
import io.facestream.schemas.avro.ZonePoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A camera's door-alert rules ({@link AlertRules}) as a JSON or YAML mapping, in the one form that the ingest camera
 * file and the sink's {@code PUT /api/cameras/{id}} both accept and {@code GET /api/cameras} shows:
 *
 * <pre>{@code
 * {"minScore": 0.8, "minFaceSize": 60, "presentFrames": 2, "windowFrames": 4, "goneAfterMillis": 5000,
 *  "cameraDown": true,
 *  "zones": [{"name": "door", "polygon": [{"x": 0.3, "y": 0.1}, {"x": 0.7, "y": 0.1}, {"x": 0.7, "y": 0.9}]}]}
 * }</pre>
 *
 * Every field may be left out (null: the sink-wide default). Reading checks each value against the limits here, which
 * the sink's alert topology applies too; an error names the field as {@code alerts.zones[0].polygon}.
 */
public final class AlertRulesJson {
    /** The sink keeps a camera's last n frames as the bits of a long. */
    public static final int MAX_WINDOW_FRAMES = 64;
    /** A zone's polygon needs an area. */
    public static final int MIN_POLYGON_POINTS = 3;
    /**
     * Twice the area, as a fraction of the frame, of the smallest triangle that counts as one: about a pixel of a 1080p
     * frame. Below it the corners lie on one line (up to float rounding) and the zone holds no face.
     */
    private static final double MIN_DOUBLED_TRIANGLE_AREA = 1e-6;
    /** The field under which a camera carries its rules. */
    public static final String FIELD = "alerts";

    private static final List<String> FIELDS = List.of("minScore", "minFaceSize", "presentFrames", "windowFrames",
            "goneAfterMillis", "cameraDown", "zones");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AlertRulesJson() {
    }

    /** The rules {@code node} describes; null when it is missing or null. */
    public static AlertRules read(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        requireObject(node, "", "a mapping of " + String.join(", ", FIELDS));
        rejectUnknown(node, "", FIELDS);
        Double minScore = number(node, "minScore");
        require(minScore == null || minScore >= 0 && minScore <= 1, "minScore", "must be 0 to 1, was " + minScore);
        Long minFaceSize = whole(node, "minFaceSize");
        require(minFaceSize == null || minFaceSize >= 0 && minFaceSize <= Integer.MAX_VALUE, "minFaceSize",
                "must be 0 or more pixels, was " + minFaceSize);
        Long windowFrames = whole(node, "windowFrames");
        require(windowFrames == null || windowFrames >= 1 && windowFrames <= MAX_WINDOW_FRAMES, "windowFrames",
                "must be 1 to " + MAX_WINDOW_FRAMES + ", was " + windowFrames);
        Long presentFrames = whole(node, "presentFrames");
        long mostPresent = windowFrames == null ? MAX_WINDOW_FRAMES : windowFrames;
        require(presentFrames == null || presentFrames >= 1 && presentFrames <= mostPresent, "presentFrames",
                "must be 1 to " + (windowFrames == null ? MAX_WINDOW_FRAMES : "windowFrames (" + windowFrames + ")")
                        + ", was " + presentFrames);
        Long goneAfterMillis = whole(node, "goneAfterMillis");
        require(goneAfterMillis == null || goneAfterMillis > 0, "goneAfterMillis", "must be positive, was "
                + goneAfterMillis);
        JsonNode cameraDown = node.get("cameraDown");
        require(cameraDown == null || cameraDown.isNull() || cameraDown.isBoolean(), "cameraDown",
                "must be true or false, was " + cameraDown);
        return AlertRules.newBuilder()
                .setMinScore(minScore == null ? null : minScore.floatValue())
                .setMinFaceSize(minFaceSize == null ? null : minFaceSize.intValue())
                .setPresentFrames(presentFrames == null ? null : presentFrames.intValue())
                .setWindowFrames(windowFrames == null ? null : windowFrames.intValue())
                .setGoneAfterMillis(goneAfterMillis)
                .setCameraDown(cameraDown == null || cameraDown.isNull() || cameraDown.asBoolean())
                .setZones(zones(node.get("zones")))
                .build();
    }

    /** The JSON form of {@code rules}, every field present (null where the sink's default applies); null for null. */
    public static ObjectNode write(AlertRules rules) {
        if (rules == null) {
            return null;
        }
        ObjectNode node = NODES.objectNode();
        node.put("minScore", rules.getMinScore());
        node.put("minFaceSize", rules.getMinFaceSize());
        node.put("presentFrames", rules.getPresentFrames());
        node.put("windowFrames", rules.getWindowFrames());
        node.put("goneAfterMillis", rules.getGoneAfterMillis());
        node.put("cameraDown", rules.getCameraDown());
        ArrayNode zones = node.putArray("zones");
        for (AlertZone zone : rules.getZones()) {
            ObjectNode written = zones.addObject().put("name", zone.getName());
            ArrayNode polygon = written.putArray("polygon");
            zone.getPolygon().forEach(point -> polygon.addObject().put("x", point.getX()).put("y", point.getY()));
        }
        return node;
    }

    private static List<AlertZone> zones(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        require(node.isArray(), "zones", "must be a list of {name, polygon}, was " + node);
        List<AlertZone> zones = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "zones[" + i + "]";
            JsonNode zone = node.get(i);
            requireObject(zone, field, "{name, polygon}");
            rejectUnknown(zone, field, List.of("name", "polygon"));
            JsonNode name = zone.get("name");
            require(name != null && name.isTextual() && !name.asText().isBlank(), field + ".name",
                    "must be a non-empty text, was " + name);
            require(names.add(name.asText()), field + ".name", "'" + name.asText() + "' is used by an earlier zone");
            zones.add(new AlertZone(name.asText(), polygon(zone.get("polygon"), field + ".polygon")));
        }
        return zones;
    }

    private static List<ZonePoint> polygon(JsonNode node, String field) {
        require(node != null && node.isArray(), field, "must be a list of points {x, y}, was " + node);
        require(node.size() >= MIN_POLYGON_POINTS, field, "needs at least " + MIN_POLYGON_POINTS + " points, has "
                + node.size());
        List<ZonePoint> points = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String pointField = field + "[" + i + "]";
            JsonNode point = node.get(i);
            requireObject(point, pointField, "{x, y}");
            rejectUnknown(point, pointField, List.of("x", "y"));
            points.add(new ZonePoint(fraction(point, pointField, "x"), fraction(point, pointField, "y")));
        }
        double[] xs = points.stream().mapToDouble(ZonePoint::getX).toArray();
        double[] ys = points.stream().mapToDouble(ZonePoint::getY).toArray();
        require(enclosesArea(xs, ys), field, "encloses no area: its points lie on one line or on one spot");
        return points;
    }

    /**
     * Whether the polygon with these corners encloses an area: some three corners make a triangle. (Its signed area
     * would call a symmetric figure eight empty.)
     */
    public static boolean enclosesArea(double[] xs, double[] ys) {
        for (int i = 1; i < xs.length; i++) {
            for (int j = i + 1; j < xs.length; j++) {
                double cross = (xs[i] - xs[0]) * (ys[j] - ys[0]) - (ys[i] - ys[0]) * (xs[j] - xs[0]);
                if (Math.abs(cross) >= MIN_DOUBLED_TRIANGLE_AREA) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A coordinate: a fraction of the frame's width or height, 0 at the left (top) edge, 1 at the right (bottom). */
    private static float fraction(JsonNode point, String pointField, String axis) {
        JsonNode value = point.get(axis);
        String field = pointField + "." + axis;
        require(value != null && value.isNumber(), field, "must be a number from 0 to 1, was " + value);
        double fraction = value.asDouble();
        require(fraction >= 0 && fraction <= 1, field, "must be 0 to 1 (a fraction of the frame), was " + fraction);
        return (float) fraction;
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        require(value.isNumber(), field, "must be a number, was " + value);
        return value.asDouble();
    }

    private static Long whole(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        require(value.isIntegralNumber() && value.canConvertToLong(), field, "must be a whole number, was " + value);
        return value.asLong();
    }

    private static void requireObject(JsonNode node, String field, String expected) {
        require(node != null && node.isObject(), field, "must be " + expected + ", was " + node);
    }

    private static void rejectUnknown(JsonNode node, String field, List<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            require(known.contains(name), field.isEmpty() ? name : field + "." + name,
                    "is unknown; accepted: " + String.join(", ", known));
        }
    }

    /** {@code field} is relative to the rules ("zones[0].name"; "" for the rules themselves). */
    private static void require(boolean valid, String field, String problem) {
        if (!valid) {
            String path = field.isEmpty() ? FIELD : FIELD + "." + field;
            throw new InvalidFieldException(path, path + " " + problem);
        }
    }
}
