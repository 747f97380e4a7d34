package io.facestream.blazeface;

import io.facestream.cascade.Box;
import io.facestream.cascade.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one model run's raw outputs into detections, as MediaPipe's tensors-to-detections step does for the face
 * models: score = sigmoid of the logit clipped to ±100; box centre = anchor centre + (x, y) / side, size = (w, h) /
 * side (anchors of fixed size 1, x, y, w, h order, all four scales the input side); each keypoint = anchor centre +
 * its (x, y) / side. Positions come out in the pixels of the square the model saw, placed by {@link Square}.
 */
final class Decoder {
    /** MediaPipe's score_clipping_thresh. */
    private static final float LOGIT_CLIP = 100f;

    private final BlazeFaceModel model;
    private final float[] anchors;

    Decoder(BlazeFaceModel model) {
        this.model = model;
        this.anchors = Anchors.centres(model);
    }

    int anchorCount() {
        return anchors.length / 2;
    }

    /** The anchors of image {@code n} of a batch scoring at least {@code minScore}, in image pixels. */
    List<Detection> decode(float[] regressors, float[] logits, int n, Square square, float minScore) {
        int count = anchorCount();
        float side = model.inputSide();
        List<Detection> found = new ArrayList<>();
        for (int a = 0; a < count; a++) {
            float score = sigmoid(logits[n * count + a]);
            if (score < minScore) {
                continue;
            }
            int at = (n * count + a) * BlazeFaceModel.VALUES_PER_ANCHOR;
            float cx = anchors[2 * a] + regressors[at] / side;
            float cy = anchors[2 * a + 1] + regressors[at + 1] / side;
            float w = regressors[at + 2] / side;
            float h = regressors[at + 3] / side;
            List<Point> keypoints = new ArrayList<>(BlazeFaceModel.KEYPOINTS);
            for (int k = 0; k < BlazeFaceModel.KEYPOINTS; k++) {
                keypoints.add(square.toImage(anchors[2 * a] + regressors[at + 4 + 2 * k] / side,
                        anchors[2 * a + 1] + regressors[at + 5 + 2 * k] / side));
            }
            Point topLeft = square.toImage(cx - w / 2, cy - h / 2);
            Point bottomRight = square.toImage(cx + w / 2, cy + h / 2);
            found.add(new Detection(new Box(topLeft.x(), topLeft.y(), bottomRight.x(), bottomRight.y()), score,
                    keypoints));
        }
        return found;
    }

    static float sigmoid(float logit) {
        float clipped = Math.max(-LOGIT_CLIP, Math.min(LOGIT_CLIP, logit));
        return (float) (1 / (1 + Math.exp(-clipped)));
    }
}
