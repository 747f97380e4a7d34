package io.facestream.cascade;

import java.util.Arrays;
import java.util.List;

/** Which points a face's landmarks are, in their order; a face's number of points says which set it holds. */
public enum LandmarkSet {
    /** MTCNN's O-Net: five points, as seen in the image. Alignment and recognition are built on these. */
    FIVE_POINT(List.of("left eye", "right eye", "nose", "mouth left", "mouth right")),
    /**
     * BlazeFace's six keypoints in MediaPipe's order: the person's right eye (on the left of the image), left eye,
     * nose tip, mouth centre, right ear tragion, left ear tragion.
     */
    BLAZEFACE_SIX(List.of("right eye", "left eye", "nose tip", "mouth centre", "right ear tragion",
            "left ear tragion"));

    private final List<String> names;

    LandmarkSet(List<String> names) {
        this.names = names;
    }

    /** The set of {@code count} points; the error names the counts there are. */
    public static LandmarkSet withCount(int count) {
        return Arrays.stream(values()).filter(set -> set.size() == count).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("a face has 5 landmarks (MTCNN) or 6 (BlazeFace), got "
                        + count));
    }

    /** The points' names, in order. */
    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }
}
