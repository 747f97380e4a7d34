package io.facestream.cascade;

/**
 * An axis-aligned box in input-image pixels, {@code x1, y1} its top-left corner and {@code x2, y2}
 * its bottom-right one, so its width is {@code x2 - x1}.
 */
public record Box(float x1, float y1, float x2, float y2) {

    public float width() {
        return x2 - x1;
    }

    public float height() {
        return y2 - y1;
    }

    public float area() {
        return Math.max(0f, width()) * Math.max(0f, height());
    }

    /** Whether {@code other}'s centre lies inside this box. */
    public boolean containsCentreOf(Box other) {
        float x = (other.x1 + other.x2) / 2;
        float y = (other.y1 + other.y2) / 2;
        return x >= x1 && x <= x2 && y >= y1 && y <= y2;
    }

    public float intersectionArea(Box other) {
        float w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
        float h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
        return w <= 0 || h <= 0 ? 0f : w * h;
    }

    /** Intersection over union, the overlap measure of NMS's "union" mode. */
    public float iou(Box other) {
        float inter = intersectionArea(other);
        float union = area() + other.area() - inter;
        return union <= 0 ? 0f : inter / union;
    }

    /** Intersection over the smaller box, NMS's "min" mode: a box inside a bigger one counts as overlap. */
    public float overlapOfSmaller(Box other) {
        float smaller = Math.min(area(), other.area());
        return smaller <= 0 ? 0f : intersectionArea(other) / smaller;
    }

    /**
     * Applies a network's box regression: each offset moves one side by a fraction of the box's
     * width (x) or height (y), as the MTCNN stages predict them.
     */
    public Box regress(BoxOffsets offsets) {
        float w = width();
        float h = height();
        return new Box(x1 + offsets.dx1() * w, y1 + offsets.dy1() * h,
                x2 + offsets.dx2() * w, y2 + offsets.dy2() * h);
    }

    /** The square with this box's centre and its longer side, the shape the next stage's crop needs. */
    public Box square() {
        float side = Math.max(width(), height());
        float left = x1 + (width() - side) / 2f;
        float top = y1 + (height() - side) / 2f;
        return new Box(left, top, left + side, top + side);
    }
}
