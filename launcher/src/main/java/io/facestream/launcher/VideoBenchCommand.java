package io.facestream.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.cascade.Face;
import io.facestream.cascade.FaceDetector;
import io.facestream.samples.DoorClip;
import io.facestream.samples.SampleVideo;
import io.facestream.tracking.Agreement;
import io.facestream.tracking.FaceTracker;
import io.facestream.tracking.Scan;
import io.facestream.tracking.TrackedFace;
import io.facestream.tracking.TrackedFrame;
import io.facestream.tracking.TrackerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code face-stream bench video}: tracking against per-frame detection on video files: speed, how
 * the frames were examined, and how far the faces agree.
 */
@Command(name = "video", mixinStandardHelpOptions = true,
        description = {"Runs each video twice, with the whole cascade on every frame and with tracking, and reports "
                + "frames/s of each (detection time only, decoding left out), how the frames were examined with "
                + "tracking, and its agreement with per-frame detection: recall of per-frame faces scoring >= 0.95 "
                + "(box IoU >= 0.7), extra faces >= 0.95 that per-frame detection did not find, mean landmark "
                + "distance in %% of the box side, and the number of tracks.",
                "Without FILE: the door clips made from the sample photos, at --size, and the real sample videos "
                        + "(a man talking to his webcam, 400x300).",
                "Run it on an otherwise idle machine."})
final class VideoBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Video files (default: the door clips and the sample videos).")
    List<Path> files = List.of();

    @Option(names = "--fps", paramLabel = "F",
            description = "Sample each video to this rate (default: ${DEFAULT-VALUE}).")
    double fps = 5;

    @Option(names = "--size", paramLabel = "WxH", description = "Size of the door clips (default: ${DEFAULT-VALUE}).")
    String size = "640x480";

    @Option(names = "--warmup-runs", paramLabel = "N", description = "Runs of the first video, both ways, before "
            + "measuring, so that the JIT compiler has settled for both (default: ${DEFAULT-VALUE}).")
    int warmupRuns = 1;

    @Option(names = "--runs", paramLabel = "N", description = "Passes of each video both ways, alternating; the "
            + "median time of each way counts, as one pass of a short clip takes well under a second "
            + "(default: ${DEFAULT-VALUE}).")
    int runs = 5;

    @Option(names = "--json", description = "Print the results as JSON instead of a table.")
    boolean json;

    @Mixin
    DetectorSettings settings;

    /** One video's figures. */
    record Result(String video, int frames, double perFrameFps, double trackingFps, Map<Scan, Integer> scans,
                  double recall, int confident, int extra, double extraShare, double landmarkErrorPercent,
                  int perFrameTracks, int tracks) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(fps > 0)) {
            throw new ParameterException(spec.commandLine(), "--fps must be above 0, got " + fps);
        }
        if (warmupRuns < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup-runs must be 0 or more, got " + warmupRuns);
        }
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs must be 1 or more, got " + runs);
        }
        Path clips = files.isEmpty() ? Files.createTempDirectory("face-stream-door-clips") : null;
        try (FaceDetector detector = settings.createFaceDetector()) {
            List<Path> videos = files.isEmpty() ? samples(clips) : files;
            for (int i = 0; i < warmupRuns; i++) {
                pass(detector, videos.get(0), TrackerOptions.perFrame());
                pass(detector, videos.get(0), TrackerOptions.defaults());
            }
            List<Result> results = new ArrayList<>();
            for (Path file : videos) {
                results.add(measure(detector, file));
            }
            if (json) {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
            } else {
                printTable(out, detector.provider(), results);
            }
            return 0;
        } catch (IOException e) {
            err.println("face-stream bench video: " + e.getMessage());
            return 1;
        } finally {
            if (clips != null) {
                deleteTree(clips);
            }
        }
    }

    /** The door clips, written to {@code dir}, and the real sample videos. */
    private List<Path> samples(Path dir) throws IOException {
        List<Path> videos = new ArrayList<>(doorClips(dir));
        for (SampleVideo video : SampleVideo.values()) {
            videos.add(video.path());
        }
        return videos;
    }

    private List<Path> doorClips(Path dir) throws IOException {
        String[] wh = size.toLowerCase(Locale.ROOT).split("x");
        int width;
        int height;
        try {
            width = Integer.parseInt(wh[0].trim());
            height = Integer.parseInt(wh[1].trim());
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(),
                    "--size: '" + size + "' is not WIDTHxHEIGHT, e.g. 640x480");
        }
        List<Path> videos = new ArrayList<>();
        for (DoorClip clip : DoorClip.values()) {
            videos.add(DoorClipVideo.write(dir, clip, width, height, (int) Math.round(fps)));
        }
        return videos;
    }

    private Result measure(FaceDetector detector, Path file) throws IOException {
        List<Double> perFrameSeconds = new ArrayList<>();
        List<Double> trackingSeconds = new ArrayList<>();
        Pass perFrame = null;
        Pass tracking = null;
        for (int run = 0; run < runs; run++) {
            // The same faces every pass: the tracker and the cascade are deterministic.
            perFrame = pass(detector, file, TrackerOptions.perFrame());
            tracking = pass(detector, file, TrackerOptions.defaults());
            perFrameSeconds.add(perFrame.seconds());
            trackingSeconds.add(tracking.seconds());
        }
        Agreement agreement = new Agreement();
        for (int i = 0; i < tracking.faces().size(); i++) {
            agreement.add(perFrame.faces().get(i), tracking.faces().get(i));
        }
        Agreement.Result a = agreement.result();
        int frames = tracking.faces().size();
        return new Result(file.toString(), frames, frames / median(perFrameSeconds), frames / median(trackingSeconds),
                tracking.scans(), a.recall(), a.confident(), a.extra(), a.extraShare(), 100 * a.landmarkError(),
                perFrame.tracks(), tracking.tracks());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** One run over a video: each frame's faces, the detection time, the scans and the tracks. */
    private record Pass(List<List<Face>> faces, double seconds, Map<Scan, Integer> scans, int tracks) {
    }

    private Pass pass(FaceDetector detector, Path file, TrackerOptions options) throws IOException {
        FaceTracker tracker = new FaceTracker(detector, options);
        List<List<Face>> faces = new ArrayList<>();
        Map<Scan, Integer> scans = new EnumMap<>(Scan.class);
        for (Scan scan : Scan.values()) {
            scans.put(scan, 0);
        }
        long nanos = 0;
        try (VideoFrames frames = VideoFrames.open(file, fps)) {
            for (VideoFrames.VideoFrame frame = frames.next(); frame != null; frame = frames.next()) {
                long start = System.nanoTime();
                TrackedFrame result = tracker.next(frame.image(), frame.timeMs());
                nanos += System.nanoTime() - start;
                faces.add(result.faces().stream().map(TrackedFace::face).toList());
                scans.merge(result.scan(), 1, Integer::sum);
            }
        }
        return new Pass(faces, nanos / 1e9, scans, tracker.tracksStarted());
    }

    private void printTable(PrintWriter out, String provider, List<Result> results) {
        out.printf(Locale.ROOT,
                "tracking against per-frame detection, provider %s, %d threads, %.1f frames/s sampled%n",
                provider, settings.threads, fps);
        out.printf(Locale.ROOT, "%-36s %6s %9s %9s %7s %5s %7s %7s %5s %7s %6s %9s %13s%n", "video", "frames",
                "per-frame", "tracking", "speedup", "full", "regions", "tracked", "none", "recall", "extra",
                "landmarks", "tracks (p/t)");
        for (Result r : results) {
            out.printf(Locale.ROOT, "%-36s %6d %9.1f %9.1f %6.1fx %5d %7d %7d %5d %6.1f%% %6d %8.2f%% %6d/%d%n",
                    Path.of(r.video()).getFileName(), r.frames(), r.perFrameFps(), r.trackingFps(),
                    r.trackingFps() / r.perFrameFps(), r.scans().get(Scan.FULL), r.scans().get(Scan.REGIONS),
                    r.scans().get(Scan.TRACKED), r.scans().get(Scan.NONE), 100 * r.recall(), r.extra(),
                    r.landmarkErrorPercent(), r.perFrameTracks(), r.tracks());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
