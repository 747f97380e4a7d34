package io.facestream.sink.alerts;

import io.facestream.schemas.AlertRulesJson;
import java.util.List;

/**
 * A named part of the picture, such as a door: a polygon with corners as fractions of the frame's width and height.
 */
public record Zone(String name, List<Corner> polygon) {

    public Zone {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a zone needs a name");
        }
        polygon = List.copyOf(polygon);
        if (polygon.size() < AlertRulesJson.MIN_POLYGON_POINTS) {
            throw new IllegalArgumentException("zone " + name + ": a polygon needs at least "
                    + AlertRulesJson.MIN_POLYGON_POINTS + " corners, has " + polygon.size());
        }
        for (Corner corner : polygon) {
            if (!(corner.x() >= 0 && corner.x() <= 1 && corner.y() >= 0 && corner.y() <= 1)) {
                throw new IllegalArgumentException("zone " + name + ": corners must lie within 0..1 of the frame, not "
                        + corner);
            }
        }
        if (!AlertRulesJson.enclosesArea(polygon.stream().mapToDouble(Corner::x).toArray(),
                polygon.stream().mapToDouble(Corner::y).toArray())) {
            throw new IllegalArgumentException("zone " + name + ": the polygon encloses no area (its corners lie on one "
                    + "line or on one spot)");
        }
    }

    /** A corner: 0 is the left (top) edge of the frame, 1 the right (bottom) edge. */
    public record Corner(double x, double y) {
    }

    /** Whether the point (fractions of the frame) lies inside the polygon; by ray casting, so any simple polygon works. */
    public boolean contains(double x, double y) {
        boolean inside = false;
        for (int i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
            Corner a = polygon.get(i);
            Corner b = polygon.get(j);
            if ((a.y() > y) != (b.y() > y) && x < (b.x() - a.x()) * (y - a.y()) / (b.y() - a.y()) + a.x()) {
                inside = !inside;
            }
        }
        return inside;
    }
}
