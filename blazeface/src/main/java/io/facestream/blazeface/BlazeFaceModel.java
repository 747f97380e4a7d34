package io.facestream.blazeface;

import java.util.List;

/**
 * The two BlazeFace models and the facts their decoding needs, as MediaPipe's face detection graphs
 * (face_detection_short_range.pbtxt, face_detection_full_range.pbtxt) configure them: the SSD anchor
 * layout (input size, strides, anchors per cell; fixed anchor size, offset 0.5) and the minimum score.
 */
public enum BlazeFaceModel {
    /**
     * 128x128 input; layers of strides 8, 16, 16 and 16, each with two anchors per cell (aspect ratio 1 and
     * the interpolated scale), the three of stride 16 sharing one 8x8 grid: 16x16x2 + 8x8x6 = 896 anchors.
     */
    SHORT_RANGE("blazeface-short.onnx", 128, List.of(8, 16, 16, 16), 2, 0.5f, 16, 1f),
    /** 192x192 input; one layer of stride 4 with one anchor per cell (no interpolated scale): 48x48 = 2,304 anchors. */
    FULL_RANGE("blazeface-full.onnx", 192, List.of(4), 1, 0.6f, 12, 3.5f);

    /** Values per anchor in the model's regressors: box centre x, y, width, height, then six keypoints' x and y. */
    static final int VALUES_PER_ANCHOR = 16;
    static final int KEYPOINTS = 6;

    private final String file;
    private final int inputSide;
    private final List<Integer> strides;
    private final int anchorsPerLayer;
    private final float minScore;
    private final int smallestFace;
    private final float costPerSquare;

    BlazeFaceModel(String file, int inputSide, List<Integer> strides, int anchorsPerLayer, float minScore,
            int smallestFace, float costPerSquare) {
        this.smallestFace = smallestFace;
        this.costPerSquare = costPerSquare;
        this.file = file;
        this.inputSide = inputSide;
        this.strides = strides;
        this.anchorsPerLayer = anchorsPerLayer;
        this.minScore = minScore;
    }

    String file() {
        return file;
    }

    /** The model's square input, in pixels. */
    public int inputSide() {
        return inputSide;
    }

    List<Integer> strides() {
        return strides;
    }

    int anchorsPerLayer() {
        return anchorsPerLayer;
    }

    /** The side, in input pixels, of the smallest faces this model finds reliably (measured: see the README). */
    public int smallestFace() {
        return smallestFace;
    }

    /**
     * The time one square takes, relative to the short-range model's: 1.4 and 4.9 ms per square (area resampling,
     * the ONNX Runtime run and decoding; 2-core Intel Xeon VM, 2 threads).
     */
    float costPerSquare() {
        return costPerSquare;
    }

    /** MediaPipe's min_score_thresh for this model: lower-scoring anchors are not faces. */
    public float minScore() {
        return minScore;
    }
}
