package io.facestream.cascade;

import java.util.List;

/**
 * One detected face: its box, the O-Net score and five landmarks in the order left eye, right eye,
 * nose, mouth left, mouth right, as seen in the image.
 */
public record Face(Box box, float score, List<Point> landmarks) implements Scored {
    public static final int LANDMARK_COUNT = 5;

    public Face {
        landmarks = List.copyOf(landmarks);
        if (landmarks.size() != LANDMARK_COUNT) {
            throw new IllegalArgumentException("a face has " + LANDMARK_COUNT + " landmarks, got " + landmarks.size());
        }
    }

    /** This face {@code dx} pixels to the right and {@code dy} down: found in a crop, placed in the whole image. */
    public Face moved(float dx, float dy) {
        Box b = box;
        return new Face(new Box(b.x1() + dx, b.y1() + dy, b.x2() + dx, b.y2() + dy), score,
                landmarks.stream().map(p -> new Point(p.x() + dx, p.y() + dy)).toList());
    }
}
