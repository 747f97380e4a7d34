package io.facestream.launcher;

import io.facestream.blazeface.Detection;
import io.facestream.cascade.Box;
import io.facestream.cascade.Face;
import io.facestream.cascade.Point;
import java.util.List;

/** One image's faces as {@code detect} reports and draws them, whichever detector found them: box, score, points. */
record FoundFaces(String model, List<String> pointNames, List<FoundFaces.FoundFace> faces) {
    static final List<String> LANDMARKS = List.of("left eye", "right eye", "nose", "mouth left", "mouth right");

    record FoundFace(Box box, float score, List<Point> points) {
    }

    /** The cascade's faces (mtcnn, blazeface+onet): five landmarks each. */
    static FoundFaces of(String model, List<Face> faces) {
        return new FoundFaces(model, LANDMARKS,
                faces.stream().map(f -> new FoundFace(f.box(), f.score(), f.landmarks())).toList());
    }

    /** BlazeFace's detections: six keypoints each. */
    static FoundFaces ofBlazeFace(List<Detection> detections) {
        return new FoundFaces("blazeface", Detection.KEYPOINT_NAMES,
                detections.stream().map(d -> new FoundFace(d.box(), d.score(), d.keypoints())).toList());
    }
}
