package io.facestream.blazeface;

/**
 * The centres of a model's SSD anchors, as MediaPipe's SSD anchor calculator lays them out: consecutive
 * layers of one stride share a grid of {@code ceil(side / stride)} cells a side, each cell holding the
 * anchors of all those layers; cells run row by row, the centre of cell (x, y) at ((x + 0.5) / cells,
 * (y + 0.5) / cells) of the input. With a fixed anchor size every anchor is 1 x 1, so only the centres
 * matter.
 */
final class Anchors {

    private Anchors() {
    }

    /** x and y of each anchor's centre, as fractions of the input side, anchor after anchor. */
    static float[] centres(BlazeFaceModel model) {
        int count = count(model);
        float[] centres = new float[2 * count];
        int at = 0;
        int layer = 0;
        while (layer < model.strides().size()) {
            int stride = model.strides().get(layer);
            int sameStride = 0;
            while (layer < model.strides().size() && model.strides().get(layer) == stride) {
                sameStride++;
                layer++;
            }
            int cells = ceilDiv(model.inputSide(), stride);
            int perCell = sameStride * model.anchorsPerLayer();
            for (int y = 0; y < cells; y++) {
                for (int x = 0; x < cells; x++) {
                    for (int a = 0; a < perCell; a++) {
                        centres[at++] = (x + 0.5f) / cells;
                        centres[at++] = (y + 0.5f) / cells;
                    }
                }
            }
        }
        return centres;
    }

    static int count(BlazeFaceModel model) {
        int count = 0;
        for (int stride : model.strides()) {
            int cells = ceilDiv(model.inputSide(), stride);
            count += cells * cells * model.anchorsPerLayer();
        }
        return count;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
