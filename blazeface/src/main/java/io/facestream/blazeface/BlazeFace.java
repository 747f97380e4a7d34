package io.facestream.blazeface;

import io.facestream.cascade.ExecutionProvider;
import io.facestream.cascade.RgbImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * MediaPipe's BlazeFace as a detector. Each frame is seen as squares, the whole frame letterboxed and, where the
 * minimum face size needs them, tiles ({@link Tiles}); all squares of a call go through one ONNX Runtime run, and
 * the anchors of each frame are decoded and blended by weighted NMS. With both models loaded, each frame goes to the
 * one whose squares cost less for its size and the minimum face size (the short-range model when one square of it
 * is enough, as for large faces; else often the full-range one, which sees faces half as large relative to a square).
 * Thread-safe.
 */
public final class BlazeFace implements AutoCloseable {
    private final List<BlazeFaceNet> nets;

    private BlazeFace(List<BlazeFaceNet> nets) {
        this.nets = nets;
    }

    /** Both models, the cheaper one for each frame; runs on the CPU with up to {@code threads} threads. */
    public static BlazeFace load(int threads) {
        return load(threads, ExecutionProvider.CPU);
    }

    /** Both models, the cheaper one for each frame, run where {@code provider} says (on the CPU: {@code threads}). */
    public static BlazeFace load(int threads, ExecutionProvider provider) {
        return new BlazeFace(List.of(BlazeFaceNet.load(BlazeFaceModel.SHORT_RANGE, threads, provider),
                BlazeFaceNet.load(BlazeFaceModel.FULL_RANGE, threads, provider)));
    }

    /** One model only, on the CPU. */
    public static BlazeFace load(BlazeFaceModel model, int threads) {
        return new BlazeFace(List.of(BlazeFaceNet.load(model, threads, ExecutionProvider.CPU)));
    }

    /** Where its networks run: "cpu" or "cuda". */
    public String provider() {
        return nets.get(0).provider();
    }

    /** The model that scans frames of this size for faces of at least {@code minFaceSize} pixels. */
    public BlazeFaceModel modelFor(int width, int height, int minFaceSize) {
        return planFor(width, height, minFaceSize).net().model();
    }

    /** How many squares (tiles and the whole frame) that model sees in such a frame. */
    public int squares(int width, int height, int minFaceSize) {
        return planFor(width, height, minFaceSize).squares().size();
    }

    /** The faces of at least about {@code minFaceSize} pixels a side, best score first. */
    public List<Detection> detect(RgbImage image, int minFaceSize) {
        return detect(List.of(image), minFaceSize).get(0);
    }

    /** The faces of each image, in the order of {@code images}: one run per model for all of them. */
    public List<List<Detection>> detect(List<RgbImage> images, int minFaceSize) {
        List<Plan> plans = images.stream().map(image -> planFor(image.width(), image.height(), minFaceSize)).toList();
        List<List<Detection>> anchors = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            anchors.add(new ArrayList<>());
        }
        for (BlazeFaceNet net : nets) {
            List<RgbImage> squareImages = new ArrayList<>();
            List<Integer> owners = new ArrayList<>();
            List<Square> squares = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                if (plans.get(i).net() == net) {
                    for (Square square : plans.get(i).squares()) {
                        squareImages.add(images.get(i));
                        owners.add(i);
                        squares.add(square);
                    }
                }
            }
            if (!squares.isEmpty()) {
                List<List<Detection>> found = net.run(squareImages, squares);
                for (int n = 0; n < squares.size(); n++) {
                    anchors.get(owners.get(n)).addAll(found.get(n));
                }
            }
        }
        return anchors.stream().map(found -> WeightedNms.blend(found, WeightedNms.DEFAULT_THRESHOLD)).toList();
    }

    /** Which net sees a frame, and in which squares. */
    private record Plan(BlazeFaceNet net, List<Square> squares) {
        double cost() {
            return net.model().costPerSquare() * squares.size();
        }
    }

    private Plan planFor(int width, int height, int minFaceSize) {
        return nets.stream().map(net -> new Plan(net, Tiles.plan(width, height, minFaceSize, net.model())))
                .min(Comparator.comparingDouble(Plan::cost)).orElseThrow();
    }

    @Override
    public void close() {
        nets.forEach(BlazeFaceNet::close);
    }
}
