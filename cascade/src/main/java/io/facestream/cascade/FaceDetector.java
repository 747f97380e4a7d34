package io.facestream.cascade;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MTCNN cascade (Zhang et al., 2016): P-Net proposes boxes over an image pyramid, R-Net refines
 * them on 24x24 crops, O-Net scores them on 48x48 crops and places five landmarks; non-maximum
 * suppression and box regression sit between the stages. Given a {@link FaceProposer} (BlazeFace), it scans whole
 * frames with that instead of P-Net and R-Net, or is that proposer alone ({@link #createSingleStage}).
 *
 * <p>Thread-safe: every call works on its own buffers, and the ONNX Runtime sessions are shared.
 * On the CPU, the frames of a batch are detected side by side, each whole on one thread: no thread
 * waits for another (2 cores, 640x480, batches of 8: 26.7-28.6 frames/s against 25.7 with each
 * frame's work split across the threads). A single frame, or a batch on the GPU, goes through the
 * cascade as one: its pyramid levels side by side, R-Net and O-Net over all its candidates, split on
 * the CPU into one part per thread.
 */
public final class FaceDetector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FaceDetector.class);
    /** P-Net's output cells are 2 input pixels apart (its one stride-2 pooling). */
    private static final int PNET_STRIDE = 2;
    /** A partial detection's window around each of its boxes, as a share of the box's longer side. */
    private static final float WINDOW_MARGIN = 0.5f;

    private final DetectorOptions options;
    private final Networks networks;
    private final CascadeThreads threads;
    /** One frame, or a GPU batch: work split across the threads. */
    private final Plan together;
    /** A frame detected on one thread while others take the batch's other frames. */
    private final Plan alone;
    private final boolean framesSideBySide;
    /** False for a view made by {@link #withMinFaceSize}: the networks, threads and proposer are its origin's to close. */
    private final boolean ownsResources;
    /** Scans whole frames in place of P-Net and R-Net when not null. */
    private final FaceProposer proposer;
    /** The proposer's own faces are final: no O-Net, and partial scans are the proposer's too. */
    private final boolean proposerAlone;

    /**
     * Where a detection's pieces run; into how many parts, side by side, its R-Net and O-Net crops go; and how many
     * crop pixels (crops times side squared) one network run takes at most.
     */
    private record Plan(CascadeThreads threads, int cropParts, int cropPixelsPerRun, int pnetBandRows) {
    }

    /**
     * On the CPU, P-Net scans a pyramid level in bands of at most 32 rows of its output map, each band a run of its
     * own with the level rows it depends on: the same values, and a band's activations stay in the core's cache
     * between layers. A 769x433 level took 25% less time in bands of 32 rows than whole on one thread, and 15-39%
     * less on each of two (one 2-core AMD EPYC VM), the 10 level rows that neighbouring bands share included.
     */
    private static final int CPU_PNET_BAND_ROWS = 32;

    /**
     * On the CPU, R-Net and O-Net run on at most 32 R-Net crops (8 O-Net crops) at a time: their activations then stay
     * in the core's cache between layers. Per crop, R-Net took 38-40 us in runs of 8 to 64 crops and 60 us in runs of
     * 500; O-Net 222-248 us in runs of 4 to 16 and 355 us in runs of 64 (one thread, 2-core AMD EPYC VM).
     */
    private static final int CPU_CROP_PIXELS_PER_RUN = 32 * Networks.RNET_SIDE * Networks.RNET_SIDE;

    /** A candidate's box in its frame, to be cropped for R-Net or O-Net. */
    private record Crop(IntegralImage frame, Box box) {
    }

    private FaceDetector(DetectorOptions options, Networks networks, CascadeThreads threads, boolean ownsResources,
                         FaceProposer proposer, boolean proposerAlone) {
        this.options = options;
        this.proposer = proposer;
        this.proposerAlone = proposerAlone;
        this.networks = networks;
        this.threads = threads;
        this.ownsResources = ownsResources;
        boolean cpu = networks.provider().equals("cpu");
        // A GPU takes a batch's crops in one run; on the CPU, each thread runs a part of them.
        int cropPixelsPerRun = cpu ? CPU_CROP_PIXELS_PER_RUN : Integer.MAX_VALUE;
        int pnetBandRows = cpu ? CPU_PNET_BAND_ROWS : Integer.MAX_VALUE;
        this.together = new Plan(threads, cpu ? options.threads() : 1, cropPixelsPerRun, pnetBandRows);
        this.alone = new Plan(CascadeThreads.callerOnly(), 1, cropPixelsPerRun, pnetBandRows);
        this.framesSideBySide = cpu && options.threads() > 1;
    }

    public static FaceDetector create(DetectorOptions options) {
        return create(options, null);
    }

    /**
     * A detector that scans whole frames with {@code proposer} in place of P-Net and R-Net, O-Net deciding on its
     * proposals; partial scans ({@link #detect(RgbImage, List, List)}) stay the cascade's. The detector owns the
     * proposer and closes it. A null proposer gives the cascade.
     */
    public static FaceDetector create(DetectorOptions options, FaceProposer proposer) {
        return create(options, proposer, false);
    }

    /**
     * A detector that is {@code proposer} alone: its faces, with its own landmark set, are final. A partial scan
     * ({@link #detect(RgbImage, List, List)}) runs it on the part of the image around the regions and candidates.
     * The detector owns the proposer and closes it.
     */
    public static FaceDetector createSingleStage(DetectorOptions options, FaceProposer proposer) {
        return create(options, Objects.requireNonNull(proposer), true);
    }

    private static FaceDetector create(DetectorOptions options, FaceProposer proposer, boolean proposerAlone) {
        FaceDetector detector = new FaceDetector(options, Networks.load(options), CascadeThreads.of(options.threads()),
                true, proposer, proposerAlone);
        log.info("{} face detector ready on {} ({} threads)", detector.model(), detector.provider(),
                options.threads());
        return detector;
    }

    /** The execution provider running the networks: "cpu" or "cuda". */
    public String provider() {
        return networks.provider();
    }

    public DetectorOptions options() {
        return options;
    }

    /**
     * This detector looking for faces of at least {@code pixels} a side, sharing its networks and threads (a camera
     * whose faces are known to be large skips the pyramid's finest levels). Closing the view closes nothing.
     */
    public FaceDetector withMinFaceSize(int pixels) {
        if (pixels == options.minFaceSize()) {
            return this;
        }
        return new FaceDetector(options.toBuilder().minFaceSize(pixels).build(), networks, threads, false, proposer,
                proposerAlone);
    }

    /** The detector as events name it: "mtcnn", the proposer's name, or the proposer's name and "+onet". */
    public String model() {
        if (proposer == null) {
            return "mtcnn";
        }
        return proposerAlone ? proposer.name() : proposer.name() + "+onet";
    }

    public List<Face> detect(RgbImage image) {
        return detectBatch(List.of(image)).get(0);
    }

    /** The faces of each image, in the order of {@code images}, best score first. */
    public List<List<Face>> detectBatch(List<RgbImage> images) {
        return detectBatch(images, new StageTimes());
    }

    /** As {@link #detectBatch(List)}, adding the time spent per stage to {@code times}. */
    public List<List<Face>> detectBatch(List<RgbImage> images, StageTimes times) {
        if (proposerAlone) {
            return find(images, times);
        }
        if (proposer != null) {
            return proposeAndFinish(images, times);
        }
        // Frames side by side only as long as every thread has one: the rest go through as one, so
        // that no thread idles while another finishes a batch's odd frame alone.
        int sideBySide = framesSideBySide ? images.size() - images.size() % options.threads() : 0;
        List<List<Face>> faces = new ArrayList<>(threads.map(images.subList(0, sideBySide),
                image -> detect(List.of(image), alone, times).get(0)));
        if (sideBySide < images.size()) {
            faces.addAll(detect(images.subList(sideBySide, images.size()), together, times));
        }
        return faces;
    }

    private List<List<Face>> detect(List<RgbImage> images, Plan plan, StageTimes times) {
        long start = System.nanoTime();
        List<IntegralImage> frames = plan.threads().map(images, IntegralImage::of);
        times.add(Stage.PYRAMID, start);
        List<PyramidLevel> levels = new ArrayList<>();
        for (List<Integer> sameSize : groupBySize(frames)) {
            levels.addAll(levels(frames, sameSize, Region.whole(frames.get(sameSize.get(0)))));
        }
        return refineAndFinish(frames, proposeWithPNet(frames, levels, plan, times), plan, times);
    }

    /**
     * The cascade on parts of one image, for video where most of the picture is already known: P-Net
     * over each of {@code regions} only (a pyramid over the region's pixels, from the whole frame's
     * first scale), and its proposals together with {@code candidates}, boxes where a face is expected
     * (each squared, as P-Net's boxes are), through R-Net and O-Net, whose crops come from the whole
     * image. Boxes are in image pixels; the faces come best score first.
     */
    public List<Face> detect(RgbImage image, List<Box> regions, List<Box> candidates) {
        return detect(image, regions, candidates, new StageTimes());
    }

    /** As {@link #detect(RgbImage, List, List)}, adding the time spent per stage to {@code times}. */
    public List<Face> detect(RgbImage image, List<Box> regions, List<Box> candidates, StageTimes times) {
        if (proposerAlone) {
            return findAround(image, regions, candidates, times);
        }
        long start = System.nanoTime();
        List<IntegralImage> frames = List.of(IntegralImage.covering(image, window(regions, candidates)));
        times.add(Stage.PYRAMID, start);
        List<PyramidLevel> levels = new ArrayList<>();
        for (Box region : regions) {
            levels.addAll(levels(frames, List.of(0), Region.covering(region, frames.get(0))));
        }
        List<Candidate> proposals = new ArrayList<>(proposeWithPNet(frames, levels, together, times).get(0));
        for (Box candidate : candidates) {
            proposals.add(new Candidate(candidate.square(), 1f, BoxOffsets.NONE));
        }
        return refineAndFinish(frames, List.of(proposals), together, times).get(0);
    }

    /**
     * Where the crops of a partial detection are expected to lie: around the regions and candidates, each grown by
     * half its longer side (R-Net's and O-Net's boxes move off the ones they refine). Only this part of the frame
     * needs its summed-area table; a crop beyond it still reads the right pixels, from the whole table.
     */
    private static Box window(List<Box> regions, List<Box> candidates) {
        float x1 = Float.MAX_VALUE;
        float y1 = Float.MAX_VALUE;
        float x2 = -Float.MAX_VALUE;
        float y2 = -Float.MAX_VALUE;
        for (List<Box> boxes : List.of(regions, candidates)) {
            for (Box box : boxes) {
                float margin = WINDOW_MARGIN * Math.max(box.width(), box.height());
                x1 = Math.min(x1, box.x1() - margin);
                y1 = Math.min(y1, box.y1() - margin);
                x2 = Math.max(x2, box.x2() + margin);
                y2 = Math.max(y2, box.y2() + margin);
            }
        }
        return x2 < x1 ? new Box(0, 0, 0, 0) : new Box(x1, y1, x2, y2);
    }

    /** The whole cascade on {@code regions} of the image only: {@link #detect(RgbImage, List, List)}, no candidates. */
    public List<Face> detectIn(RgbImage image, List<Box> regions) {
        return detect(image, regions, List.of());
    }

    /**
     * R-Net and O-Net on {@code candidates}, boxes where a face is expected (for example a face's box
     * in the frame before): the faces among them, with this image's boxes, scores and landmarks.
     */
    public List<Face> refine(RgbImage image, List<Box> candidates) {
        return detect(image, List.of(), candidates);
    }

    /** The proposer's own faces in all the images at once (it batches its own work). */
    private List<List<Face>> find(List<RgbImage> images, StageTimes times) {
        long start = System.nanoTime();
        List<List<Face>> faces = proposer.find(images, options.minFaceSize());
        times.add(Stage.PROPOSALS, start);
        return faces;
    }

    /**
     * The proposer alone on the part of the image around the regions and candidates (grown as {@link #window} grows
     * them): the faces centred in a region or a candidate box, in image pixels. With BlazeFace, measured with
     * {@code bench video --model blazeface} on the door clips and sample videos: tracking 1.7-2.5x the frames/s of
     * per-frame detection, every confident face found. Windows grown by 1.5 box sides instead cost more than whole
     * frames (tiles for the small faces that such a window may hold) and found extra faces.
     */
    private List<Face> findAround(RgbImage image, List<Box> regions, List<Box> candidates, StageTimes times) {
        Box around = window(regions, candidates);
        int x1 = Math.max(0, (int) Math.floor(around.x1()));
        int y1 = Math.max(0, (int) Math.floor(around.y1()));
        int x2 = Math.min(image.width(), (int) Math.ceil(around.x2()));
        int y2 = Math.min(image.height(), (int) Math.ceil(around.y2()));
        if (x2 <= x1 || y2 <= y1) {
            return List.of();
        }
        List<Box> wanted = new ArrayList<>(regions);
        wanted.addAll(candidates);
        return find(List.of(image.crop(x1, y1, x2 - x1, y2 - y1)), times).get(0).stream()
                .map(face -> face.moved(x1, y1))
                .filter(face -> wanted.stream().anyMatch(box -> box.containsCentreOf(face.box())))
                .toList();
    }

    /** The proposer over all the images at once (it batches its own work), then O-Net on its proposals. */
    private List<List<Face>> proposeAndFinish(List<RgbImage> images, StageTimes times) {
        List<List<Face>> found = find(images, times);
        long start = System.nanoTime();
        List<IntegralImage> frames = new ArrayList<>();
        List<List<Candidate>> candidates = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            List<Box> boxes = found.get(i).stream().map(proposer::forONet).toList();
            frames.add(IntegralImage.covering(images.get(i), window(List.of(), boxes)));
            candidates.add(boxes.stream().map(box -> new Candidate(box.square(), 1f, BoxOffsets.NONE)).toList());
        }
        times.add(Stage.PYRAMID, start);
        return finishWithONet(frames, candidates, together, times);
    }

    /** Stages 2 and 3 on each frame's proposals. */
    private List<List<Face>> refineAndFinish(List<IntegralImage> frames, List<List<Candidate>> proposals, Plan plan,
                                             StageTimes times) {
        List<List<Candidate>> refined = refineWithRNet(frames, proposals, plan, times);
        List<List<Face>> faces = finishWithONet(frames, refined, plan, times);
        if (log.isDebugEnabled()) {
            log.debug("{} images: {} proposals, {} after R-Net, {} faces", frames.size(), total(proposals),
                    total(refined), total(faces));
        }
        return faces;
    }

    /** The pyramid's levels over {@code region} of the same-size frames {@code sameSize}. */
    private List<PyramidLevel> levels(List<IntegralImage> frames, List<Integer> sameSize, Region region) {
        List<PyramidLevel> levels = new ArrayList<>();
        for (float scale : Pyramid.scales(region.width(), region.height(), options.minFaceSize(),
                options.pyramidFactor(), downscale(frames.get(sameSize.get(0))))) {
            levels.add(new PyramidLevel(sameSize, region, scale));
        }
        return levels;
    }

    /** Stage 1: P-Net over every pyramid level, NMS per level and over all, regression, squaring. */
    private List<List<Candidate>> proposeWithPNet(List<IntegralImage> frames, List<PyramidLevel> levels, Plan plan,
                                                  StageTimes times) {
        List<List<List<Candidate>>> found = plan.threads().map(levels,
                level -> scanLevel(frames, level, plan.pnetBandRows(), times));
        List<List<Candidate>> proposals = emptyLists(frames.size());
        for (int i = 0; i < levels.size(); i++) {
            List<Integer> frameIndices = levels.get(i).frames();
            for (int n = 0; n < frameIndices.size(); n++) {
                proposals.get(frameIndices.get(n)).addAll(found.get(i).get(n));
            }
        }
        long start = System.nanoTime();
        List<List<Candidate>> merged = proposals.stream()
                .map(boxes -> Nms.suppress(boxes, options.pnetNms(), Nms.Overlap.UNION).stream()
                        .map(c -> c.regressed().squared()).toList())
                .toList();
        times.add(Stage.NMS, start);
        return merged;
    }

    /** P-Net on one level of one or more same-size frames, band after band; the level's NMS; boxes per frame. */
    private List<List<Candidate>> scanLevel(List<IntegralImage> frames, PyramidLevel level, int bandRows,
                                            StageTimes times) {
        int mapRows = Pyramid.mapRows(Pyramid.levelSide(level.region().height(), level.scale()));
        List<List<Candidate>> cells = emptyLists(level.frames().size());
        for (int firstRow = 0; firstRow < mapRows; firstRow += bandRows) {
            int rows = Math.min(bandRows, mapRows - firstRow);
            NetworkOutput maps = runPNet(frames, level, firstRow, rows, times);
            for (int n = 0; n < cells.size(); n++) {
                cells.get(n).addAll(cellsAboveThreshold(maps, n, level, firstRow));
            }
        }
        long start = System.nanoTime();
        List<List<Candidate>> boxes = new ArrayList<>();
        for (List<Candidate> frameCells : cells) {
            boxes.add(Nms.suppress(frameCells, options.pnetLevelNms(), Nms.Overlap.UNION));
        }
        times.add(Stage.NMS, start);
        return boxes;
    }

    /** P-Net on output rows {@code firstRow} to {@code firstRow + rows} of a level's map. */
    private NetworkOutput runPNet(List<IntegralImage> frames, PyramidLevel level, int firstRow, int rows,
                                  StageTimes times) {
        long start = System.nanoTime();
        List<Integer> sameSize = level.frames();
        Region region = level.region();
        int width = Pyramid.levelSide(region.width(), level.scale());
        int height = Pyramid.levelSide(region.height(), level.scale());
        int inputRows = Pyramid.bandInputRows(height, firstRow, rows);
        int perImage = 3 * width * inputRows;
        FloatBuffer input = Networks.inputBuffer(sameSize.size() * perImage);
        for (int n = 0; n < sameSize.size(); n++) {
            frames.get(sameSize.get(n)).resampleRowsInto(input, n * perImage, region.x(), region.y(), region.width(),
                    region.height(), width, height, PNET_STRIDE * firstRow, inputRows);
        }
        times.add(Stage.PYRAMID, start);
        start = System.nanoTime();
        NetworkOutput maps = networks.pnet(input, sameSize.size(), inputRows, width);
        times.add(Stage.PNET, start);
        return maps;
    }

    /**
     * Each P-Net cell scoring at least the threshold, as the 12x12 window it saw, in image pixels; {@code maps} holds
     * the level's map from row {@code firstRow} on.
     */
    private List<Candidate> cellsAboveThreshold(NetworkOutput maps, int n, PyramidLevel level, int firstRow) {
        float scale = level.scale();
        float left = level.region().x();
        float top = level.region().y();
        List<Candidate> cells = new ArrayList<>();
        for (int row = 0; row < maps.height(); row++) {
            for (int col = 0; col < maps.width(); col++) {
                float score = maps.faceScore(n, row, col);
                if (score >= options.pnetThreshold()) {
                    float x = PNET_STRIDE * col;
                    float y = PNET_STRIDE * (firstRow + row);
                    Box window = new Box(left + x / scale, top + y / scale,
                            left + (x + Pyramid.PNET_WINDOW) / scale, top + (y + Pyramid.PNET_WINDOW) / scale);
                    cells.add(new Candidate(window, score, maps.offsets(n, row, col)));
                }
            }
        }
        return cells;
    }

    /** Stage 2: R-Net scores 24x24 crops of all proposals; NMS, regression, squaring. */
    private List<List<Candidate>> refineWithRNet(List<IntegralImage> frames, List<List<Candidate>> proposals,
                                                 Plan plan, StageTimes times) {
        NetworkOutput out = classifyCrops(frames, proposals, Networks.RNET_SIDE, Stage.RNET, networks::rnet, plan,
                times);
        List<List<Candidate>> refined = new ArrayList<>();
        int index = 0;
        for (List<Candidate> boxes : proposals) {
            List<Candidate> kept = new ArrayList<>();
            for (Candidate proposal : boxes) {
                float score = out.faceScore(index);
                if (score > options.rnetThreshold()) {
                    kept.add(new Candidate(proposal.box(), score, out.offsets(index)));
                }
                index++;
            }
            long start = System.nanoTime();
            refined.add(Nms.suppress(kept, options.rnetNms(), Nms.Overlap.UNION).stream()
                    .map(c -> c.regressed().squared()).toList());
            times.add(Stage.NMS, start);
        }
        return refined;
    }

    /** Stage 3: O-Net scores 48x48 crops and places landmarks; regression, then NMS by the smaller box. */
    private List<List<Face>> finishWithONet(List<IntegralImage> frames, List<List<Candidate>> refined,
                                            Plan plan, StageTimes times) {
        NetworkOutput out = classifyCrops(frames, refined, Networks.ONET_SIDE, Stage.ONET, networks::onet, plan,
                times);
        List<List<Face>> faces = new ArrayList<>();
        int index = 0;
        for (List<Candidate> boxes : refined) {
            List<Face> found = new ArrayList<>();
            for (Candidate candidate : boxes) {
                float score = out.faceScore(index);
                if (score > options.onetThreshold()) {
                    Box box = candidate.box();
                    found.add(new Face(box.regress(out.offsets(index)), score, landmarks(out, index, box)));
                }
                index++;
            }
            long start = System.nanoTime();
            faces.add(Nms.suppress(found, options.onetNms(), Nms.Overlap.MIN));
            times.add(Stage.NMS, start);
        }
        return faces;
    }

    /** O-Net's landmarks are fractions of the box it was shown, before that box is regressed. */
    private static List<Point> landmarks(NetworkOutput out, int index, Box box) {
        List<Point> points = new ArrayList<>(LandmarkSet.FIVE_POINT.size());
        for (int k = 0; k < LandmarkSet.FIVE_POINT.size(); k++) {
            points.add(new Point(box.x1() + out.landmarkX(index, k) * box.width(),
                    box.y1() + out.landmarkY(index, k) * box.height()));
        }
        return points;
    }

    /** Crops every candidate of every frame to {@code side x side} and runs the network over them all. */
    private NetworkOutput classifyCrops(List<IntegralImage> frames, List<List<Candidate>> candidates, int side,
                                        Stage stage, BiFunction<FloatBuffer, Integer, NetworkOutput> network,
                                        Plan plan, StageTimes times) {
        List<Crop> crops = new ArrayList<>();
        for (int f = 0; f < frames.size(); f++) {
            for (Candidate candidate : candidates.get(f)) {
                crops.add(new Crop(frames.get(f), candidate.box()));
            }
        }
        if (crops.isEmpty()) {
            return new NetworkOutput(new float[0], new float[0], new float[0], 1, 1);
        }
        int partSize = Math.min((crops.size() + plan.cropParts() - 1) / plan.cropParts(),
                Math.max(1, plan.cropPixelsPerRun() / (side * side)));
        List<List<Crop>> parts = new ArrayList<>();
        for (int from = 0; from < crops.size(); from += partSize) {
            parts.add(crops.subList(from, Math.min(crops.size(), from + partSize)));
        }
        return NetworkOutput.concat(plan.threads().map(parts, part -> classify(part, side, stage, network, times)));
    }

    private static NetworkOutput classify(List<Crop> crops, int side, Stage stage,
                                          BiFunction<FloatBuffer, Integer, NetworkOutput> network, StageTimes times) {
        long start = System.nanoTime();
        int perCrop = 3 * side * side;
        FloatBuffer input = Networks.inputBuffer(crops.size() * perCrop);
        for (int i = 0; i < crops.size(); i++) {
            crop(crops.get(i).frame(), crops.get(i).box(), input, i * perCrop, side);
        }
        times.add(Stage.PYRAMID, start);
        start = System.nanoTime();
        NetworkOutput out = network.apply(input, crops.size());
        times.add(stage, start);
        return out;
    }

    /** The box's pixels (zero-padded where it leaves the image) resampled to {@code side x side}. */
    static void crop(IntegralImage frame, Box box, FloatBuffer dst, int offset, int side) {
        int left = (int) Math.floor(box.x1());
        int top = (int) Math.floor(box.y1());
        int width = Math.max(1, (int) Math.floor(box.x2()) - left);
        int height = Math.max(1, (int) Math.floor(box.y2()) - top);
        frame.resampleInto(dst, offset, left, top, width, height, side, side);
    }

    /** Below 1 when the frame's longer side exceeds the configured maximum input side. */
    private float downscale(IntegralImage frame) {
        int longSide = Math.max(frame.width(), frame.height());
        return options.maxInputSide() > 0 && longSide > options.maxInputSide()
                ? (float) options.maxInputSide() / longSide : 1f;
    }

    /** Indices of frames grouped by size, so each pyramid level runs once per group as one batch. */
    private static List<List<Integer>> groupBySize(List<IntegralImage> frames) {
        Map<Long, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            long size = ((long) frames.get(i).width() << 32) | frames.get(i).height();
            groups.computeIfAbsent(size, key -> new ArrayList<>()).add(i);
        }
        return List.copyOf(groups.values());
    }

    private static int total(List<? extends List<?>> lists) {
        return lists.stream().mapToInt(List::size).sum();
    }

    private static <T> List<List<T>> emptyLists(int count) {
        List<List<T>> lists = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lists.add(new ArrayList<>());
        }
        return lists;
    }

    @Override
    public void close() {
        if (ownsResources) {
            threads.close();
            networks.close();
            if (proposer != null) {
                proposer.close();
            }
        }
    }
}
