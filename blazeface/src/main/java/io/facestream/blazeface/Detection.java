package io.facestream.blazeface;

import io.facestream.cascade.Box;
import io.facestream.cascade.Point;
import java.util.List;

/**
 * One face as BlazeFace finds it, in image pixels: its box, its score, and six keypoints in MediaPipe's order:
 * the person's right eye, left eye, nose tip, mouth centre, right ear tragion and left ear tragion (the person's
 * right eye appears on the left of the image).
 */
public record Detection(Box box, float score, List<Point> keypoints) {
    public static final List<String> KEYPOINT_NAMES = List.of("right eye", "left eye", "nose tip", "mouth centre",
            "right ear tragion", "left ear tragion");

    public Detection {
        keypoints = List.copyOf(keypoints);
        if (keypoints.size() != BlazeFaceModel.KEYPOINTS) {
            throw new IllegalArgumentException("a BlazeFace detection has " + BlazeFaceModel.KEYPOINTS
                    + " keypoints, got " + keypoints.size());
        }
    }
}
