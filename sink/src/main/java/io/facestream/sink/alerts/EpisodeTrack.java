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
    /** The open episode's FACE_PRESENT was held back: its best face is not someone the rule notifies of (yet). */
    private boolean withheld;

    /**
     * The best-scoring face so far, with what an alert needs of it: its place, and who the gallery says it is.
     *
     * @param personId the person it was matched to, null when unknown; {@code person} their name
     * @param similarity the best match's similarity, null when the face was compared with nobody
     */
    record BestFace(long sequence, int faceIndex, float score, float x1, float y1, float x2, float y2, Long personId,
                    String person, Float similarity) {
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
     * Takes one examined frame: {@code face} is its best face that counts in this zone, null if none. An episode whose
     * best face the rule does not notify of opens silently; its FACE_PRESENT comes when a best face it notifies of
     * does, and its FACE_GONE only after a FACE_PRESENT.
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
                withheld = true;
                return announceIfNotified(rule);
            }
            return null;
        }
        if (face == null && captureTime - lastFaceTime >= rule.goneAfter().toMillis()) {
            return close();
        }
        return withheld && face != null ? announceIfNotified(rule) : null;
    }

    private Change announceIfNotified(AlertRule rule) {
        if (!rule.notifyOf().accepts(best.personId() != null)) {
            return null;
        }
        withheld = false;
        return new Change(AlertType.FACE_PRESENT, runStart, runStartSequence, best);
    }

    /** Ends the open episode (no frame has come for long enough); no FACE_GONE for an episode never announced. */
    Change close() {
        Change gone = withheld ? null : new Change(AlertType.FACE_GONE, runStart, runStartSequence, best);
        open = false;
        withheld = false;
        recent = 0;
        best = null;
        return gone;
    }
}
