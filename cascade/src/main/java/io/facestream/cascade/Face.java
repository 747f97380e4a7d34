package io.facestream.cascade;

import java.util.List;

/**
 * One detected face: its box, its score and its landmarks: O-Net's five ({@link LandmarkSet#FIVE_POINT}), or
 * BlazeFace's six keypoints when BlazeFace alone found it ({@link LandmarkSet#BLAZEFACE_SIX}).
 */
public record Face(Box box, float score, List<Point> landmarks) implements Scored {
    public Face {
        landmarks = List.copyOf(landmarks);
        LandmarkSet.withCount(landmarks.size());
    }

    /** Which points its landmarks are. */
    public LandmarkSet landmarkSet() {
        return LandmarkSet.withCount(landmarks.size());
    }

    /** This face {@code dx} pixels to the right and {@code dy} down: found in a crop, placed in the whole image. */
    public Face moved(float dx, float dy) {
        Box b = box;
        return new Face(new Box(b.x1() + dx, b.y1() + dy, b.x2() + dx, b.y2() + dy), score,
                landmarks.stream().map(p -> new Point(p.x() + dx, p.y() + dy)).toList());
    }
}
