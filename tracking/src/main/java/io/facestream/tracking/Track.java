package io.facestream.tracking;

import io.facestream.cascade.Box;
import io.facestream.cascade.Face;
import java.util.List;

/** One person's face followed from frame to frame: its id, its latest face and how far it moved in the last step. */
final class Track {
    private final String id;
    private Face face;
    private Box previous;
    /** Whether the face was found again at least once, so that its last step is known. */
    private boolean stepped;

    Track(String id, Face face) {
        this.id = id;
        this.face = face;
        this.previous = face.box();
    }

    String id() {
        return id;
    }

    Face face() {
        return face;
    }

    void update(Face next) {
        previous = face.box();
        face = next;
        stepped = true;
    }

    /** The latest box moved on by the last step's motion, where the face is expected next. */
    Box predicted() {
        Box box = face.box();
        float dx = centreX(box) - centreX(previous);
        float dy = centreY(box) - centreY(previous);
        return new Box(box.x1() + dx, box.y1() + dy, box.x2() + dx, box.y2() + dy);
    }

    /**
     * Boxes for R-Net to look in: the predicted one, the latest one (a person who stopped), and the
     * predicted one a fifth larger (a person stepping closer); R-Net's NMS keeps the best. A face just
     * found has no step yet: also half a face to either side and above and below it, as a person walking
     * in moves on by that much in a frame.
     */
    List<Box> candidates() {
        Box predicted = predicted();
        Box grownBox = grown(predicted, 0.1f, 0.1f, 0.1f, 0.1f);
        if (stepped) {
            return List.of(predicted, face.box(), grownBox);
        }
        Box box = face.box();
        return List.of(box, grownBox, grown(box, 0.5f, 0, -0.5f, 0), grown(box, -0.5f, 0, 0.5f, 0),
                grown(box, 0, 0.5f, 0, -0.5f), grown(box, 0, -0.5f, 0, 0.5f));
    }

    /**
     * Where this person's own motion is expected: around the latest and the previous face, the hair above,
     * down to the shoulders, and to either side the shoulders (a face's width) and the half face more a
     * person sways, turns or steps on by in a frame.
     */
    Box zone() {
        Box both = ScanRegions.union(face.box(), previous);
        return grown(both, 1.5f, 0.8f, 1.5f, 1.5f);
    }

    /**
     * Where to look again for the face when it was not found where expected: around its latest and its
     * predicted box, half a face on each side (a person walking faster or slower than the last step).
     */
    Box surroundings() {
        Box both = ScanRegions.union(face.box(), predicted());
        return grown(both, 0.5f, 0.5f, 0.5f, 0.5f);
    }

    private static Box grown(Box box, float left, float top, float right, float bottom) {
        float w = box.width();
        float h = box.height();
        return new Box(box.x1() - left * w, box.y1() - top * h, box.x2() + right * w, box.y2() + bottom * h);
    }

    private static float centreX(Box box) {
        return (box.x1() + box.x2()) / 2;
    }

    private static float centreY(Box box) {
        return (box.y1() + box.y2()) / 2;
    }
}
