package io.facestream.worker;

import io.facestream.tracking.TrackedFrame;
import java.util.Collections;
import java.util.List;

/**
 * What the worker made of a decoded frame: its faces, and the embedding of each (in the same order; null for a face
 * that got none).
 */
record ExaminedFrame(TrackedFrame found, List<float[]> embeddings) {

    /** The faces without any embedding. */
    static ExaminedFrame withoutEmbeddings(TrackedFrame found) {
        return new ExaminedFrame(found, Collections.nCopies(found.faces().size(), null));
    }
}
