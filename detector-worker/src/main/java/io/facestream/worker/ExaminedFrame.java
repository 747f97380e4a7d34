package io.facestream.worker;

import io.facestream.blazeface.DetectorModel;
import io.facestream.tracking.TrackedFrame;
import java.util.Collections;
import java.util.List;

/**
 * What the worker made of a decoded frame: its faces, the detector that found them, and the embedding of each face
 * (in the same order; null for a face that got none).
 */
record ExaminedFrame(TrackedFrame found, DetectorModel model, List<float[]> embeddings) {

    /** The faces without any embedding. */
    static ExaminedFrame withoutEmbeddings(TrackedFrame found, DetectorModel model) {
        return new ExaminedFrame(found, model, Collections.nCopies(found.faces().size(), null));
    }

    ExaminedFrame withEmbeddings(List<float[]> perFace) {
        return new ExaminedFrame(found, model, perFace);
    }
}
