package io.facestream.tracking;

import io.facestream.cascade.Face;
import io.facestream.cascade.Point;
import java.util.List;

/**
 * How far tracking agrees with per-frame detection of the same frames: the share of confident
 * per-frame faces it also reports (box IoU at least 0.7), the confident faces it reports that
 * per-frame detection did not find, and the mean distance between the landmarks of matched faces as
 * a share of the per-frame face's box side. Add frames in any order.
 */
public final class Agreement {
    /** Faces scoring at least this are the clear faces that must not be lost, nor invented. */
    public static final float CONFIDENT = 0.95f;
    public static final float MIN_IOU = 0.7f;

    private int confident;
    private int found;
    private int trackedConfident;
    private int extra;
    private double landmarkErrorSum;

    /** Adds one frame's faces, per-frame detection's and tracking's. */
    public void add(List<Face> perFrame, List<Face> tracked) {
        for (Face reference : perFrame) {
            if (reference.score() >= CONFIDENT) {
                confident++;
                Face match = bestMatch(reference, tracked);
                if (match != null) {
                    found++;
                    landmarkErrorSum += landmarkError(match, reference);
                }
            }
        }
        for (Face face : tracked) {
            if (face.score() >= CONFIDENT) {
                trackedConfident++;
                if (bestMatch(face, perFrame) == null) {
                    extra++;
                }
            }
        }
    }

    public Result result() {
        return new Result(confident, found, trackedConfident, extra, found == 0 ? 0 : landmarkErrorSum / found);
    }

    /**
     * @param confident         per-frame faces scoring at least {@link #CONFIDENT}
     * @param found             of them, those tracking also reports
     * @param trackedConfident  faces tracking reports scoring at least {@link #CONFIDENT}
     * @param extra             of them, those per-frame detection did not find
     * @param landmarkError     mean landmark distance of the found faces, as a share of the box side
     */
    public record Result(int confident, int found, int trackedConfident, int extra, double landmarkError) {
        public double recall() {
            return confident == 0 ? 1 : (double) found / confident;
        }

        public double extraShare() {
            return trackedConfident == 0 ? 0 : (double) extra / trackedConfident;
        }
    }

    private static Face bestMatch(Face face, List<Face> among) {
        Face best = null;
        for (Face other : among) {
            if (other.box().iou(face.box()) >= MIN_IOU
                    && (best == null || other.box().iou(face.box()) > best.box().iou(face.box()))) {
                best = other;
            }
        }
        return best;
    }

    /** Mean distance of the landmarks (the same set in both) over the reference box's side (its width). */
    static double landmarkError(Face face, Face reference) {
        int count = reference.landmarks().size();
        double sum = 0;
        for (int k = 0; k < count; k++) {
            Point a = face.landmarks().get(k);
            Point b = reference.landmarks().get(k);
            sum += Math.hypot(a.x() - b.x(), a.y() - b.y());
        }
        return sum / count / reference.box().width();
    }
}
