package io.facestream.launcher;

import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.Face;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.RgbImage;
import io.facestream.recognition.FaceAligner;
import io.facestream.recognition.FaceEmbedder;
import io.facestream.recognition.Gallery;
import io.facestream.samples.SamplePhoto;
import io.facestream.samples.SampleVideo;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code face-stream bench identify}: how well and how fast faces are told apart, on real faces. */
@Command(name = "identify", mixinStandardHelpOptions = true,
        description = {"Similarities of the same person (the sample videos' face, frames at least --apart seconds "
                + "apart) and of different people (faces of one sample photo, and each against the videos' face), "
                + "the share of each at or above --threshold, the embedding time per face at batch sizes 1 and 16, "
                + "and the time to match one face against a gallery of 10,000 people.",
                "Run it on an otherwise idle machine."})
final class IdentifyBenchCommand implements Callable<Integer> {
    private static final int GALLERY_PEOPLE = 10_000;
    private static final int TIMED_RUNS = 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--threshold", paramLabel = "T", description = "Similarity at which a face is named "
            + "(default: ${DEFAULT-VALUE}, as identify).")
    float threshold = 0.6f;

    @Option(names = "--apart", paramLabel = "SECONDS",
            description = "Least time between two video frames paired as the same person (default: ${DEFAULT-VALUE}).")
    double apartSeconds = 5;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads (default: ${DEFAULT-VALUE}).")
    int threads = DetectorOptions.defaults().threads();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (FaceDetector detector = FaceDetector.create(DetectorOptions.builder().threads(threads).build());
             FaceEmbedder embedder = FaceEmbedder.create(threads)) {
            List<float[]> video = new ArrayList<>();
            List<Float> same = new ArrayList<>();
            for (SampleVideo sample : SampleVideo.values()) {
                List<float[]> faces = videoFaces(sample, detector, embedder);
                same.addAll(pairsApart(faces));
                faces.stream().filter(face -> face != null).forEach(video::add);
            }
            List<Float> different = differentPeople(detector, embedder, video);
            printDistribution(out, "same person", same);
            printDistribution(out, "different people", different);
            out.printf(Locale.ROOT, "at threshold %.2f: %.1f%% of same-person pairs named, %.2f%% of "
                    + "different-people pairs confused%n", threshold, 100 * shareAtLeast(same, threshold),
                    100 * shareAtLeast(different, threshold));
            float strict = thresholdForFalseAccepts(different, 1e-3);
            out.printf(Locale.ROOT, "at most 0.1%% of different-people pairs confused from %.3f on: %.1f%% of "
                    + "same-person pairs named there%n", strict, 100 * shareAtLeast(same, strict));
            out.printf(Locale.ROOT, "embedding: %.2f ms per face alone, %.2f ms per face in batches of 16%n",
                    embedMs(embedder, 1), embedMs(embedder, 16));
            out.printf(Locale.ROOT, "matching one face against %,d people: %.3f ms%n", GALLERY_PEOPLE, matchMs());
        }
        return 0;
    }

    /** The largest face's embedding in one frame a second of the video (null where none was found), in order. */
    private List<float[]> videoFaces(SampleVideo sample, FaceDetector detector, FaceEmbedder embedder)
            throws IOException {
        List<float[]> faces = new ArrayList<>();
        try (VideoFrames frames = VideoFrames.open(sample.path(), 1.0)) {
            for (VideoFrames.VideoFrame frame = frames.next(); frame != null; frame = frames.next()) {
                List<Face> found = detector.detect(frame.image());
                Face largest = found.stream().max(Comparator.comparingDouble(f -> f.box().area())).orElse(null);
                faces.add(largest == null ? null : embedder.embed(frame.image(), List.of(largest))[0]);
            }
        }
        return faces;
    }

    /** Similarities of the frames' faces that are at least --apart seconds apart (one frame a second). */
    private List<Float> pairsApart(List<float[]> faces) {
        List<Float> similarities = new ArrayList<>();
        int apart = (int) Math.ceil(apartSeconds);
        for (int i = 0; i < faces.size(); i++) {
            for (int j = i + apart; j < faces.size(); j++) {
                if (faces.get(i) != null && faces.get(j) != null) {
                    similarities.add(FaceEmbedder.similarity(faces.get(i), faces.get(j)));
                }
            }
        }
        return similarities;
    }

    /** Pairs of faces in one sample photo (two faces in one photo are two people), and each against the video's. */
    private static List<Float> differentPeople(FaceDetector detector, FaceEmbedder embedder, List<float[]> video)
            throws IOException {
        List<Float> similarities = new ArrayList<>();
        for (SamplePhoto photo : SamplePhoto.values()) {
            RgbImage image = RgbImage.read(photo.path());
            float[][] faces = embedder.embed(image, detector.detect(image));
            for (int i = 0; i < faces.length; i++) {
                for (int j = i + 1; j < faces.length; j++) {
                    similarities.add(FaceEmbedder.similarity(faces[i], faces[j]));
                }
                for (float[] videoFace : video) {
                    similarities.add(FaceEmbedder.similarity(faces[i], videoFace));
                }
            }
        }
        return similarities;
    }

    private static void printDistribution(PrintWriter out, String what, List<Float> similarities) {
        List<Float> sorted = new ArrayList<>(similarities);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            out.printf(Locale.ROOT, "%-17s no pairs%n", what);
            return;
        }
        out.printf(Locale.ROOT, "%-17s %5d pairs: min %.3f  5%% %.3f  median %.3f  95%% %.3f  max %.3f%n", what,
                sorted.size(), sorted.get(0), quantile(sorted, 0.05), quantile(sorted, 0.5), quantile(sorted, 0.95),
                sorted.get(sorted.size() - 1));
    }

    private static float quantile(List<Float> sorted, double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }

    private static double shareAtLeast(List<Float> similarities, float threshold) {
        return similarities.isEmpty() ? 0 : similarities.stream().filter(s -> s >= threshold).count()
                / (double) similarities.size();
    }

    /** The least similarity that at most {@code rate} of the different-people pairs reach. */
    private static float thresholdForFalseAccepts(List<Float> different, double rate) {
        List<Float> sorted = new ArrayList<>(different);
        sorted.sort(Collections.reverseOrder());
        int allowed = (int) Math.floor(rate * sorted.size());
        return allowed < sorted.size() ? Math.nextUp(sorted.get(allowed)) : -1f;
    }

    /** Median milliseconds per face of embedding {@code batch} aligned faces at once (blank faces: time only). */
    private static double embedMs(FaceEmbedder embedder, int batch) {
        BufferedImage face = new BufferedImage(FaceAligner.ALIGNED_SIZE, FaceAligner.ALIGNED_SIZE,
                BufferedImage.TYPE_3BYTE_BGR);
        List<BufferedImage> faces = Collections.nCopies(batch, face);
        return medianMs(() -> embedder.embed(faces)) / batch;
    }

    /** Median milliseconds to find the best of {@value #GALLERY_PEOPLE} random people for one face. */
    private static double matchMs() {
        Random random = new Random(1);
        Gallery<String> gallery = new Gallery<>();
        for (int i = 0; i < GALLERY_PEOPLE; i++) {
            gallery.add("person " + i, unitVector(random));
        }
        float[] face = unitVector(random);
        return medianMs(() -> gallery.best(face));
    }

    /** The median milliseconds of {@value #TIMED_RUNS} runs of {@code work}, after three untimed ones. */
    private static double medianMs(Runnable work) {
        double[] ms = new double[TIMED_RUNS];
        for (int run = -3; run < TIMED_RUNS; run++) {
            long start = System.nanoTime();
            work.run();
            if (run >= 0) {
                ms[run] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(ms);
        return ms[TIMED_RUNS / 2];
    }

    private static float[] unitVector(Random random) {
        float[] v = new float[FaceEmbedder.DIMENSIONS];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            sum += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(sum);
        }
        return v;
    }
}
