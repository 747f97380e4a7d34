package io.facestream.sink.alerts;

import io.facestream.schemas.avro.AlertFace;
import io.facestream.schemas.avro.AlertType;

/**
 * The presence of faces in one zone of one camera (per person: of one face track in it): which of the last frames
 * held a face that counts, the open episode and its best face. Kept in a changelogged state store, so an episode
 * survives a restart of the sink.
 */
final class EpisodeTrack {
    /** Bit 0: the newest examined frame held a face that counts; bit 1 the frame before; and so on. */
    private long recent;
    private boolean open;
    /** The first face of the current run of faces (the window never empty since): where an episode starts. */
    private long runStart;
    private long runStartSequence;
    private BestFace best;
    private long lastFaceTime;

    /** The best-scoring face so far, with what an alert needs of it. */
    record BestFace(long sequence, int faceIndex, float score, float x1, float y1, float x2, float y2) {
        AlertFace toAvro() {
            return new AlertFace(sequence, faceIndex, score, x1, y1, x2, y2);
        }
    }

    /** An episode opening or ending: what its alert reports. */
    record Change(AlertType type, long episodeStart, long openingSequence, BestFace best) {
    }

    boolean isOpen() {
        return open;
    }

    long lastFaceTime() {
        return lastFaceTime;
    }

    /** No open episode and no face in the window: the same as a new track. */
    boolean isIdle() {
        return !open && recent == 0;
    }

    /**
     * Takes one examined frame: {@code face} is its best face that counts in this zone, null if none.
     *
     * @return the episode's opening (FACE_PRESENT) or end (FACE_GONE) when this frame causes one, else null
     */
    Change onFrame(long sequence, long captureTime, BestFace face, AlertRule rule) {
        long window = rule.windowFrames() == 64 ? -1L : (1L << rule.windowFrames()) - 1;
        boolean runWasOver = (recent & window) == 0;
        recent = ((recent << 1) | (face != null ? 1 : 0)) & window;
        if (face != null) {
            if (!open && runWasOver) {
                runStart = captureTime;
                runStartSequence = sequence;
                best = null;
            }
            if (best == null || face.score() > best.score()) {
                best = face;
            }
            lastFaceTime = Math.max(lastFaceTime, captureTime);
        }
        if (!open) {
            if (Long.bitCount(recent) >= rule.presentFrames()) {
                open = true;
                return new Change(AlertType.FACE_PRESENT, runStart, runStartSequence, best);
            }
            return null;
        }
        if (face == null && captureTime - lastFaceTime >= rule.goneAfter().toMillis()) {
            return close();
        }
        return null;
    }

    /** Ends the open episode (no frame has come for long enough). */
    Change close() {
        Change gone = new Change(AlertType.FACE_GONE, runStart, runStartSequence, best);
        open = false;
        recent = 0;
        best = null;
        return gone;
    }
}
