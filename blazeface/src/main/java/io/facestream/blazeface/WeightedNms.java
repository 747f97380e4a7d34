package io.facestream.blazeface;

import io.facestream.cascade.Box;
import io.facestream.cascade.Point;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * MediaPipe's weighted non-maximum suppression: the best remaining detection and every remaining one overlapping it
 * by more than the threshold (intersection over union) become one detection, their boxes and keypoints averaged
 * weighted by score, with the best one's score. Neighbouring anchors that all see one face steady its box this way,
 * where plain NMS would keep one anchor's jitter.
 */
final class WeightedNms {
    /** MediaPipe's face detection graphs: min_suppression_threshold 0.3. */
    static final float DEFAULT_THRESHOLD = 0.3f;

    private WeightedNms() {
    }

    /** The blended detections, best score first. */
    static List<Detection> blend(List<Detection> detections, float threshold) {
        List<Detection> remaining = new ArrayList<>(detections);
        remaining.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> blended = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Detection best = remaining.get(0);
            List<Detection> cluster = new ArrayList<>();
            List<Detection> rest = new ArrayList<>();
            for (Detection other : remaining) {
                (other == best || best.box().iou(other.box()) > threshold ? cluster : rest).add(other);
            }
            blended.add(average(cluster, best.score()));
            remaining = rest;
        }
        return blended;
    }

    private static Detection average(List<Detection> cluster, float score) {
        if (cluster.size() == 1) {
            return cluster.get(0);
        }
        float total = 0;
        float x1 = 0;
        float y1 = 0;
        float x2 = 0;
        float y2 = 0;
        float[] keypoints = new float[2 * BlazeFaceModel.KEYPOINTS];
        for (Detection d : cluster) {
            float w = d.score();
            total += w;
            x1 += w * d.box().x1();
            y1 += w * d.box().y1();
            x2 += w * d.box().x2();
            y2 += w * d.box().y2();
            for (int k = 0; k < BlazeFaceModel.KEYPOINTS; k++) {
                keypoints[2 * k] += w * d.keypoints().get(k).x();
                keypoints[2 * k + 1] += w * d.keypoints().get(k).y();
            }
        }
        List<Point> points = new ArrayList<>();
        for (int k = 0; k < BlazeFaceModel.KEYPOINTS; k++) {
            points.add(new Point(keypoints[2 * k] / total, keypoints[2 * k + 1] / total));
        }
        return new Detection(new Box(x1 / total, y1 / total, x2 / total, y2 / total), score, points);
    }
}
