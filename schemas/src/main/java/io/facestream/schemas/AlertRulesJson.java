package io.facestream.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facestream.schemas.avro.AlertRules;
import io.facestream.schemas.avro.AlertZone;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A camera's door-alert rules ({@link AlertRules}) as a JSON or YAML mapping, in the one form that the ingest camera
 * file and the sink's {@code PUT /api/cameras/{id}} both accept and {@code GET /api/cameras} shows:
 *
 * <pre>{@code
 * {"minScore": 0.8, "minFaceSize": 60, "presentFrames": 2, "windowFrames": 4, "goneAfterMillis": 5000,
 *  "cameraDown": true, "perPerson": false, "notify": "unknown",
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
    public static final int MIN_POLYGON_POINTS = JsonFields.MIN_POLYGON_POINTS;
    /** The field under which a camera carries its rules. */
    public static final String FIELD = "alerts";

    private static final List<String> FIELDS = List.of("minScore", "minFaceSize", "presentFrames", "windowFrames",
            "goneAfterMillis", "cameraDown", "perPerson", "notify", "zones");
    /** Whose episodes raise alerts: everyone, faces the sink's gallery does not name, or those it names. */
    public static final List<String> NOTIFY = List.of("everyone", "unknown", "known");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonFields JSON = new JsonFields(FIELD);

    private AlertRulesJson() {
    }

    /** The rules {@code node} describes; null when it is missing or null. */
    public static AlertRules read(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        JSON.requireObject(node, "", "a mapping of " + String.join(", ", FIELDS));
        JSON.rejectUnknown(node, "", FIELDS);
        Double minScore = JSON.number(node, "minScore");
        JSON.require(minScore == null || minScore >= 0 && minScore <= 1, "minScore", "must be 0 to 1, was " + minScore);
        Long minFaceSize = JSON.whole(node, "minFaceSize", 0, Integer.MAX_VALUE, " pixels");
        Long windowFrames = JSON.whole(node, "windowFrames", 1, MAX_WINDOW_FRAMES, "");
        Long presentFrames = JSON.whole(node, "presentFrames");
        long mostPresent = windowFrames == null ? MAX_WINDOW_FRAMES : windowFrames;
        JSON.require(presentFrames == null || presentFrames >= 1 && presentFrames <= mostPresent, "presentFrames",
                "must be 1 to " + (windowFrames == null ? MAX_WINDOW_FRAMES : "windowFrames (" + windowFrames + ")")
                        + ", was " + presentFrames);
        Long goneAfterMillis = JSON.whole(node, "goneAfterMillis");
        JSON.require(goneAfterMillis == null || goneAfterMillis > 0, "goneAfterMillis", "must be positive, was "
                + goneAfterMillis);
        Boolean cameraDown = JSON.bool(node, "cameraDown");
        Boolean perPerson = JSON.bool(node, "perPerson");
        String notify = JSON.choice(node, "notify", NOTIFY);
        return AlertRules.newBuilder()
                .setMinScore(minScore == null ? null : minScore.floatValue())
                .setMinFaceSize(minFaceSize == null ? null : minFaceSize.intValue())
                .setPresentFrames(presentFrames == null ? null : presentFrames.intValue())
                .setWindowFrames(windowFrames == null ? null : windowFrames.intValue())
                .setGoneAfterMillis(goneAfterMillis)
                .setCameraDown(cameraDown == null || cameraDown)
                .setPerPerson(perPerson != null && perPerson)
                .setNotify(notify)
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
        node.put("perPerson", rules.getPerPerson());
        node.put("notify", rules.getNotify());
        ArrayNode zones = node.putArray("zones");
        for (AlertZone zone : rules.getZones()) {
            ObjectNode written = zones.addObject().put("name", zone.getName());
            JsonFields.writePolygon(written.putArray("polygon"), zone.getPolygon());
        }
        return node;
    }

    private static List<AlertZone> zones(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        JSON.require(node.isArray(), "zones", "must be a list of {name, polygon}, was " + node);
        List<AlertZone> zones = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "zones[" + i + "]";
            JsonNode zone = node.get(i);
            JSON.requireObject(zone, field, "{name, polygon}");
            JSON.rejectUnknown(zone, field, List.of("name", "polygon"));
            JsonNode name = zone.get("name");
            JSON.require(name != null && name.isTextual() && !name.asText().isBlank(), field + ".name",
                    "must be a non-empty text, was " + name);
            JSON.require(names.add(name.asText()), field + ".name", "'" + name.asText() + "' is used by an earlier zone");
            zones.add(new AlertZone(name.asText(), JSON.polygon(zone.get("polygon"), field + ".polygon")));
        }
        return zones;
    }

    /** Whether the polygon with these corners encloses an area (some three corners make a triangle). */
    public static boolean enclosesArea(double[] xs, double[] ys) {
        return JsonFields.enclosesArea(xs, ys);
    }
}
