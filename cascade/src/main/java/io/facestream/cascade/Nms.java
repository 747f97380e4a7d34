package io.facestream.cascade;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Greedy non-maximum suppression: keep the best-scoring box, drop those overlapping it too much, repeat. */
final class Nms {

    /** How two boxes' overlap is measured. */
    enum Overlap {
        /** Intersection over union. */
        UNION,
        /** Intersection over the smaller box (the reference uses it after O-Net). */
        MIN;

        float between(Box a, Box b) {
            return this == UNION ? a.iou(b) : a.overlapOfSmaller(b);
        }
    }

    private Nms() {
    }

    /** The candidates that survive, best score first; a box is dropped when its overlap exceeds {@code threshold}. */
    static <T extends Scored> List<T> suppress(List<T> candidates, float threshold, Overlap overlap) {
        List<T> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble((T c) -> c.score()).reversed());
        boolean[] dropped = new boolean[sorted.size()];
        List<T> kept = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (dropped[i]) {
                continue;
            }
            T best = sorted.get(i);
            kept.add(best);
            for (int j = i + 1; j < sorted.size(); j++) {
                if (!dropped[j] && overlap.between(best.box(), sorted.get(j).box()) > threshold) {
                    dropped[j] = true;
                }
            }
        }
        return kept;
    }
}
