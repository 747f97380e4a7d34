package io.facestream.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.blazeface.DetectorModel;
import io.facestream.cascade.Box;
import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.ExecutionProvider;
import io.facestream.cascade.Face;
import io.facestream.cascade.LandmarkSet;
import io.facestream.cascade.Point;
import io.facestream.cascade.RgbImage;
import io.facestream.samples.Golden;
import io.facestream.samples.SamplePhoto;
import io.facestream.samples.SampleVideo;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code face-stream bench detectors}: what mtcnn, blazeface and blazeface+onet find, and what each frame costs. */
@Command(name = "detectors", mixinStandardHelpOptions = true,
        description = {"Compares the detectors side by side, on the CPU. What they find,"
                + " at one minimum face size: on the sample photos with golden figures, the share of the reference MTCNN's faces"
                + " scoring at least 0.95 (and at least that size) that each finds (IoU at least 0.5, as box"
                + " conventions differ), confident faces (0.95) the reference lacks, and the mean landmark error of"
                + " the five-point detectors (share of the box side); on the talking-head sample video, the same"
                + " against mtcnn's own faces with a 20-pixel minimum, every frame scanned whole.",
                "What it costs: the median time per frame at each frame size and minimum face size, the detectors"
                        + " taking turns of 0.2 s on the same frame (sample1.jpg fitted to the size).",
                "Run it on an otherwise idle machine."})
final class DetectorsBenchCommand implements Callable<Integer> {
    private static final float CONFIDENT = 0.95f;
    private static final float MATCH_IOU = 0.5f;
    private static final int VIDEO_REFERENCE_MIN_FACE = 20;
    /** How long each detector runs before the next takes over, when they take turns being timed. */
    private static final double TURN_SECONDS = 0.2;

    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", split = ",", paramLabel = "WxH", description = "Frame sizes (default: ${DEFAULT-VALUE}).")
    List<String> sizes = List.of("640x480", "1280x720", "1920x1080");

    @Option(names = "--min-faces", split = ",", paramLabel = "PIXELS",
            description = "Minimum face sizes timed at each frame size (default: ${DEFAULT-VALUE}).")
    List<Integer> minFaces = List.of(20, 40, 80);

    @Option(names = "--seconds", paramLabel = "S",
            description = "Time per detector, frame size and minimum face, after as long again warming up "
                    + "(default: ${DEFAULT-VALUE}).")
    double seconds = 2;

    @Option(names = "--video-fps", paramLabel = "FPS",
            description = "Frames per second of the sample video compared (default: ${DEFAULT-VALUE}).")
    double videoFps = 5;

    @Option(names = "--min-face-size", paramLabel = "PIXELS",
            description = "Minimum face size of the comparison of what the detectors find (default: ${DEFAULT-VALUE}).")
    int minFaceSize = 40;

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads each detector runs on (default: the number of cores, ${DEFAULT-VALUE}).")
    int threads = DetectorOptions.defaults().threads();

    @Option(names = "--json", description = "Print the results as JSON instead of tables.")
    boolean json;

    /** What one detector finds at the minimum face size, against a reference. */
    record Accuracy(String detector, String source, int reference, int found, int extra, Double landmarkErrorPercent) {
        double recall() {
            return reference == 0 ? 1 : (double) found / reference;
        }
    }

    /** Median milliseconds per frame of one detector at one frame size and minimum face size. */
    record Timing(String detector, String size, int minFaceSize, double medianMs, int squares) {
    }

    record Report(String provider, int threads, int minFaceSize, List<Accuracy> accuracy, List<Timing> timing) {
    }

    @Override
    public Integer call() throws IOException {
        if (!(seconds > 0) || !(videoFps > 0) || minFaceSize < 1 || minFaces.stream().anyMatch(m -> m < 1)) {
            throw new ParameterException(spec.commandLine(),
                    "--seconds and --video-fps must be above 0, --min-face-size and --min-faces at least 1");
        }
        List<int[]> frameSizes = sizes.stream().map(size -> Frames.parseSize(spec, "--sizes", size)).toList();
        PrintWriter out = spec.commandLine().getOut();
        try (DetectorChoices detectors = new DetectorChoices(options())) {
            List<Accuracy> accuracy = new ArrayList<>(onPhotos(detectors));
            accuracy.addAll(onVideo(detectors));
            List<Timing> timing = timings(detectors, frameSizes);
            Report report = new Report(detectors.provider(), threads, minFaceSize, accuracy, timing);
            if (json) {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
            } else {
                print(out, report);
            }
        }
        return 0;
    }

    private DetectorOptions options() {
        try {
            return DetectorOptions.builder().minFaceSize(minFaceSize).threads(threads).provider(ExecutionProvider.CPU)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private List<Accuracy> onPhotos(DetectorChoices detectors) throws IOException {
        Map<DetectorModel, Tally> tallies = new LinkedHashMap<>();
        for (SamplePhoto photo : SamplePhoto.values()) {
            if (photo.golden().isEmpty()) {
                continue;
            }
            RgbImage image = RgbImage.read(photo.path());
            List<Reference> reference = photo.golden().get().faces().stream().map(Reference::of).toList();
            for (DetectorModel model : detectors.models()) {
                tallies.computeIfAbsent(model, m -> new Tally())
                        .add(detectors.detect(model, image, minFaceSize), reference, minFaceSize);
            }
        }
        return accuracy(tallies, "photos");
    }

    /** Every frame scanned whole by each detector; the reference is mtcnn with a 20-pixel minimum face. */
    private List<Accuracy> onVideo(DetectorChoices detectors) throws IOException {
        Map<DetectorModel, Tally> tallies = new LinkedHashMap<>();
        try (VideoFrames frames = VideoFrames.open(SampleVideo.TALKING.path(), videoFps)) {
            for (VideoFrames.VideoFrame frame = frames.next(); frame != null; frame = frames.next()) {
                List<Reference> reference = detectors.detect(DetectorModel.MTCNN, frame.image(),
                        VIDEO_REFERENCE_MIN_FACE).faces().stream().map(Reference::of).toList();
                for (DetectorModel model : detectors.models()) {
                    tallies.computeIfAbsent(model, m -> new Tally()).add(
                            detectors.detect(model, frame.image(), minFaceSize), reference,
                            minFaceSize);
                }
            }
        }
        return accuracy(tallies, "video");
    }

    private static List<Accuracy> accuracy(Map<DetectorModel, Tally> tallies, String source) {
        return tallies.entrySet().stream().map(e -> e.getValue().accuracy(e.getKey().label(), source)).toList();
    }

    private List<Timing> timings(DetectorChoices detectors, List<int[]> frameSizes) throws IOException {
        RgbImage photo = RgbImage.read(SamplePhoto.SAMPLE1.path());
        List<Timing> timings = new ArrayList<>();
        for (int[] size : frameSizes) {
            RgbImage frame = Frames.fitted(photo, size);
            for (int minFace : minFaces) {
                Map<DetectorModel, List<Long>> nanos = new LinkedHashMap<>();
                takeTurns(detectors, frame, minFace, seconds, new LinkedHashMap<>());
                takeTurns(detectors, frame, minFace, seconds, nanos);
                for (DetectorModel model : detectors.models()) {
                    timings.add(new Timing(model.label(), size[0] + "x" + size[1], minFace, median(nanos.get(model)),
                            model == DetectorModel.MTCNN ? 0 : detectors.blazeFaceSquares(size[0], size[1], minFace)));
                }
            }
        }
        return timings;
    }

    /**
     * The detectors take turns of {@link #TURN_SECONDS}, for about {@code seconds} each: the same machine load for
     * all three. Turns of one frame each would time every detector while another's ONNX Runtime threads still spin
     * after its run, waiting for a next one (measured: mtcnn and blazeface+onet twice as slow as alone, a cost no
     * worker pays, as it runs one detector).
     */
    private static void takeTurns(DetectorChoices detectors, RgbImage frame, int minFace, double seconds,
                                  Map<DetectorModel, List<Long>> nanos) {
        long end = System.nanoTime() + (long) (seconds * detectors.models().size() * 1e9);
        do {
            for (DetectorModel model : detectors.models()) {
                long turnEnd = System.nanoTime() + (long) (TURN_SECONDS * 1e9);
                do {
                    long start = System.nanoTime();
                    detectors.detect(model, frame, minFace);
                    nanos.computeIfAbsent(model, m -> new ArrayList<>()).add(System.nanoTime() - start);
                } while (System.nanoTime() < turnEnd);
            }
        } while (System.nanoTime() < end);
    }

    private static double median(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[sorted.length / 2] / 1e6;
    }

    /** A face the reference found: its box and, from a five-point detector, its landmarks. */
    private record Reference(Box box, float score, List<Point> landmarks) {
        static Reference of(Golden.Face face) {
            List<Point> points = Arrays.stream(face.landmarks()).map(p -> new Point(p[0], p[1])).toList();
            return new Reference(new Box(face.box()[0], face.box()[1], face.box()[2], face.box()[3]), face.score(),
                    points);
        }

        static Reference of(Face face) {
            return new Reference(face.box(), face.score(), face.landmarks());
        }
    }

    /** Counts over the photos or frames of one detector. */
    private static final class Tally {
        private int reference;
        private int found;
        private int extra;
        private double landmarkError;
        private int landmarkFaces;
        private boolean fivePoints;

        /** Reference faces scoring at least 0.95 and at least {@code minFace} wide are the ones to find. */
        void add(FoundFaces detected, List<Reference> references, int minFace) {
            fivePoints = detected.pointNames().equals(LandmarkSet.FIVE_POINT.names());
            for (Reference expected : references) {
                if (expected.score() < CONFIDENT || expected.box().width() < minFace) {
                    continue;
                }
                reference++;
                Face best = null;
                for (Face face : detected.faces()) {
                    if (best == null || face.box().iou(expected.box()) > best.box().iou(expected.box())) {
                        best = face;
                    }
                }
                if (best != null && best.box().iou(expected.box()) >= MATCH_IOU) {
                    found++;
                    if (fivePoints) {
                        landmarkError += meanDistance(best.landmarks(), expected.landmarks()) / expected.box().width();
                        landmarkFaces++;
                    }
                }
            }
            for (Face face : detected.faces()) {
                if (face.score() >= CONFIDENT
                        && references.stream().noneMatch(r -> r.box().iou(face.box()) >= MATCH_IOU)) {
                    extra++;
                }
            }
        }

        Accuracy accuracy(String detector, String source) {
            Double error = fivePoints && landmarkFaces > 0 ? 100 * landmarkError / landmarkFaces : null;
            return new Accuracy(detector, source, reference, found, extra, error);
        }

        private static double meanDistance(List<Point> a, List<Point> b) {
            double sum = 0;
            for (int k = 0; k < a.size(); k++) {
                sum += Math.hypot(a.get(k).x() - b.get(k).x(), a.get(k).y() - b.get(k).y());
            }
            return sum / a.size();
        }
    }

    private void print(PrintWriter out, Report report) {
        out.printf(Locale.ROOT, "Detectors, provider %s, %d threads%n%n", report.provider(), report.threads());
        out.printf(Locale.ROOT, "What each finds with a %d-pixel minimum face (reference faces scoring >= 0.95, "
                + "at least that size):%n", report.minFaceSize());
        out.printf(Locale.ROOT, "%-16s %-7s %9s %7s %7s %15s%n", "detector", "source", "reference", "recall", "extra",
                "landmark error");
        for (Accuracy a : report.accuracy()) {
            out.printf(Locale.ROOT, "%-16s %-7s %9d %6.1f%% %7d %15s%n", a.detector(), a.source(), a.reference(),
                    100 * a.recall(), a.extra(), a.landmarkErrorPercent() == null ? "-"
                            : String.format(Locale.ROOT, "%.1f%%", a.landmarkErrorPercent()));
        }
        out.printf(Locale.ROOT, "%nMedian ms per frame (speed-up over mtcnn; BlazeFace squares per frame):%n");
        out.printf(Locale.ROOT, "%-10s %6s %10s %20s %20s%n", "size", "min", "mtcnn", "blazeface", "blazeface+onet");
        for (int i = 0; i < report.timing().size(); i += 3) {
            Timing mtcnn = report.timing().get(i);
            Timing alone = report.timing().get(i + 1);
            Timing hybrid = report.timing().get(i + 2);
            out.printf(Locale.ROOT, "%-10s %6d %10.1f %20s %20s%n", mtcnn.size(), mtcnn.minFaceSize(), mtcnn.medianMs(),
                    cell(alone, mtcnn), cell(hybrid, mtcnn));
        }
    }

    private static String cell(Timing timing, Timing mtcnn) {
        return String.format(Locale.ROOT, "%.1f (%.1fx, %d)", timing.medianMs(), mtcnn.medianMs() / timing.medianMs(),
                timing.squares());
    }
}
