package io.facestream.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.facestream.schemas.avro.ZonePoint;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the fields of one JSON or YAML mapping of camera settings, such as {@code alerts}, with the checks the camera
 * file and the API share: an error is an {@link InvalidFieldException} naming the field below the mapping's own name,
 * as {@code alerts.zones[0].polygon}.
 */
final class JsonFields {
    /** A polygon needs an area. */
    static final int MIN_POLYGON_POINTS = 3;
    /**
     * Twice the area, as a fraction of the frame, of the smallest triangle that counts as one: about a pixel of a 1080p
     * frame. Below it the corners lie on one line (up to float rounding) and the polygon holds no face.
     */
    private static final double MIN_DOUBLED_TRIANGLE_AREA = 1e-6;

    private final String root;

    /** Fields of the mapping named {@code root}. */
    JsonFields(String root) {
        this.root = root;
    }

    Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        require(value.isNumber(), field, "must be a number, was " + value);
        return value.asDouble();
    }

    Long whole(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        require(value.isIntegralNumber() && value.canConvertToLong(), field, "must be a whole number, was " + value);
        return value.asLong();
    }

    /** The whole number in {@code field}, null when left out, else within {@code min} to {@code max}. */
    Long whole(JsonNode node, String field, long min, long max, String unit) {
        Long value = whole(node, field);
        require(value == null || value >= min && value <= max, field, "must be " + min + " to " + max + unit
                + ", was " + value);
        return value;
    }

    Boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        require(value.isBoolean(), field, "must be true or false, was " + value);
        return value.asBoolean();
    }

    /** The text in {@code field}, null when left out, else one of {@code choices}. */
    String choice(JsonNode node, String field, List<String> choices) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        require(value.isTextual() && choices.contains(value.asText()), field,
                "must be one of " + String.join(", ", choices) + ", was " + value);
        return value.asText();
    }

    /** A list of at least three corners {x, y}, as fractions of the frame, enclosing an area. */
    List<ZonePoint> polygon(JsonNode node, String field) {
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

    static void writePolygon(ArrayNode into, List<ZonePoint> polygon) {
        polygon.forEach(point -> into.addObject().put("x", point.getX()).put("y", point.getY()));
    }

    /**
     * Whether the polygon with these corners encloses an area: some three corners make a triangle. (Its signed area
     * would call a symmetric figure eight empty.)
     */
    static boolean enclosesArea(double[] xs, double[] ys) {
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
    private float fraction(JsonNode point, String pointField, String axis) {
        JsonNode value = point.get(axis);
        String field = pointField + "." + axis;
        require(value != null && value.isNumber(), field, "must be a number from 0 to 1, was " + value);
        double fraction = value.asDouble();
        require(fraction >= 0 && fraction <= 1, field, "must be 0 to 1 (a fraction of the frame), was " + fraction);
        return (float) fraction;
    }

    void requireObject(JsonNode node, String field, String expected) {
        require(node != null && node.isObject(), field, "must be " + expected + ", was " + node);
    }

    void rejectUnknown(JsonNode node, String field, List<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            require(known.contains(name), field.isEmpty() ? name : field + "." + name,
                    "is unknown; accepted: " + String.join(", ", known));
        }
    }

    /** {@code field} is relative to the mapping ("zones[0].name"; "" for the mapping itself). */
    void require(boolean valid, String field, String problem) {
        if (!valid) {
            String path = field.isEmpty() ? root : root + "." + field;
            throw new InvalidFieldException(path, path + " " + problem);
        }
    }
}
