package io.facestream.launcher;

import io.facestream.cascade.Face;
import java.util.List;

/** One image's faces as {@code detect} reports and draws them, with the detector that found them. */
record FoundFaces(String model, List<Face> faces) {

    /** The names of the faces' landmarks, in order: five, or BlazeFace's six keypoints; none without a face. */
    List<String> pointNames() {
        return faces.isEmpty() ? List.of() : faces.get(0).landmarkSet().names();
    }
}
