package io.facestream.blazeface;

import io.facestream.cascade.Box;
import io.facestream.cascade.Face;
import io.facestream.cascade.LandmarkSet;
import io.facestream.cascade.Point;
import java.util.List;

/**
 * One face as BlazeFace finds it, in image pixels: its box, its score, and six keypoints in MediaPipe's order:
 * the person's right eye, left eye, nose tip, mouth centre, right ear tragion and left ear tragion (the person's
 * right eye appears on the left of the image).
 */
public record Detection(Box box, float score, List<Point> keypoints) {
    public Detection {
        keypoints = List.copyOf(keypoints);
        if (keypoints.size() != BlazeFaceModel.KEYPOINTS) {
            throw new IllegalArgumentException("a BlazeFace detection has " + BlazeFaceModel.KEYPOINTS
                    + " keypoints, got " + keypoints.size());
        }
    }

    /** The detection as a face whose landmarks are its keypoints ({@link LandmarkSet#BLAZEFACE_SIX}). */
    public Face asFace() {
        return new Face(box, score, keypoints);
    }
}
