package io.facestream.tracking;

import java.util.List;

/** A frame's result: its capture time, how it was examined and its faces (this frame's boxes, scores, landmarks). */
public record TrackedFrame(long timeMs, Scan scan, List<TrackedFace> faces) {

    public TrackedFrame {
        faces = List.copyOf(faces);
    }
}
