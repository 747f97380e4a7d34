package io.facestream.tracking;

import io.facestream.cascade.Box;
import java.util.List;

/**
 * The part of a camera's picture that is examined: a polygon whose corners are fractions of the frame's width and
 * height (0 at the left or top edge, 1 at the right or bottom), or the whole picture. The cascade runs on the
 * polygon's bounding rectangle only, and a face counts when its box centre lies inside the polygon.
 */
public record DetectionRegion(List<Corner> corners) {
    public static final DetectionRegion WHOLE = new DetectionRegion(List.of());

    public DetectionRegion {
        corners = List.copyOf(corners);
        if (!corners.isEmpty() && corners.size() < 3) {
            throw new IllegalArgumentException("a region needs at least 3 corners, got " + corners.size());
        }
        for (Corner corner : corners) {
            if (!(corner.x() >= 0 && corner.x() <= 1 && corner.y() >= 0 && corner.y() <= 1)) {
                throw new IllegalArgumentException("a region's corners lie within 0..1 of the frame, not " + corner);
            }
        }
    }

    /** A corner, as fractions of the frame. */
    public record Corner(float x, float y) {
    }

    public boolean isWhole() {
        return corners.isEmpty();
    }

    /** The smallest rectangle of whole pixels around the polygon in a {@code width} x {@code height} frame. */
    Box bounds(int width, int height) {
        if (isWhole()) {
            return new Box(0, 0, width, height);
        }
        float minX = 1;
        float minY = 1;
        float maxX = 0;
        float maxY = 0;
        for (Corner corner : corners) {
            minX = Math.min(minX, corner.x());
            minY = Math.min(minY, corner.y());
            maxX = Math.max(maxX, corner.x());
            maxY = Math.max(maxY, corner.y());
        }
        int x1 = Math.min(width - 1, (int) Math.floor(minX * width));
        int y1 = Math.min(height - 1, (int) Math.floor(minY * height));
        return new Box(x1, y1, Math.max(x1 + 1, (int) Math.ceil(maxX * width)),
                Math.max(y1 + 1, (int) Math.ceil(maxY * height)));
    }

    /** Whether the point at pixel {@code x, y} of a {@code width} x {@code height} frame lies inside (ray casting). */
    boolean contains(float x, float y, int width, int height) {
        if (isWhole()) {
            return true;
        }
        float fx = x / width;
        float fy = y / height;
        boolean inside = false;
        for (int i = 0, j = corners.size() - 1; i < corners.size(); j = i++) {
            Corner a = corners.get(i);
            Corner b = corners.get(j);
            if ((a.y() > fy) != (b.y() > fy) && fx < (b.x() - a.x()) * (fy - a.y()) / (b.y() - a.y()) + a.x()) {
                inside = !inside;
            }
        }
        return inside;
    }
}
