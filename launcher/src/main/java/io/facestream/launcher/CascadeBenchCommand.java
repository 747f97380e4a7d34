package io.facestream.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.RgbImage;
import io.facestream.cascade.Stage;
import io.facestream.samples.SamplePhoto;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code face-stream bench cascade}: detection speed on a real photo at common camera resolutions. */
@Command(name = "cascade", mixinStandardHelpOptions = true,
        description = {"Measures detect() on a real photo scaled to each frame size: median latency, frames/s "
                + "of one stream, and the median thread time per stage (pyramid and crops, P-Net, R-Net, O-Net, NMS; "
                + "with --model blazeface+onet, BlazeFace in place of P-Net and R-Net; with blazeface, BlazeFace alone).",
                "Run it on an otherwise idle machine."})
final class CascadeBenchCommand implements Callable<Integer> {
    private static final Map<Stage, String> COLUMNS = Map.of(Stage.PYRAMID, "pyramid", Stage.PNET, "P-Net",
            Stage.RNET, "R-Net", Stage.ONET, "O-Net", Stage.NMS, "NMS", Stage.PROPOSALS, "BlazeFace");

    @Spec
    CommandSpec spec;

    @Option(names = "--photo", paramLabel = "FILE",
            description = "Photo to detect in (default: sample1.jpg of the face-api demo photos, fetched with npm).")
    Path photo;

    @Option(names = "--sizes", split = ",", paramLabel = "WxH",
            description = "Frame sizes (default: ${DEFAULT-VALUE}).")
    List<String> sizes = List.of("640x480", "1280x720", "1920x1080");

    @Option(names = "--warmup-seconds", paramLabel = "S", description = "Warm-up per size (default: ${DEFAULT-VALUE}).")
    double warmupSeconds = 3;

    @Option(names = "--seconds", paramLabel = "S", description = "Measurement per size (default: ${DEFAULT-VALUE}).")
    double seconds = 10;

    @Option(names = "--batch", paramLabel = "N", description = "Frames per detectBatch call, as a worker batches "
            + "them; figures are per frame (default: ${DEFAULT-VALUE}).")
    int batch = 1;

    @Option(names = "--json", description = "Print the results as JSON instead of a table.")
    boolean json;

    @Mixin
    DetectorSettings settings;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        RgbImage source = RgbImage.read(photo != null ? photo : SamplePhoto.SAMPLE1.path());
        List<CascadeBenchmark.Result> results = new ArrayList<>();
        try (FaceDetector detector = settings.createFaceDetector()) {
            CascadeBenchmark benchmark = new CascadeBenchmark(detector, warmupSeconds, seconds, batch);
            for (String size : sizes) {
                results.add(benchmark.measure(Frames.fitted(source, Frames.parseSize(spec, "--sizes", size))));
            }
            if (json) {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                        new Report(detector.model(), detector.provider(), settings.threads, results)));
            } else {
                printTable(out, detector, results);
            }
        }
        return 0;
    }

    private record Report(String model, String provider, int threads, List<CascadeBenchmark.Result> results) {
    }

    private void printTable(PrintWriter out, FaceDetector detector, List<CascadeBenchmark.Result> results) {
        boolean cascade = detector.model().equals("mtcnn");
        List<Stage> stages = switch (settings.model()) {
            case MTCNN -> List.of(Stage.PYRAMID, Stage.PNET, Stage.RNET, Stage.ONET, Stage.NMS);
            case BLAZEFACE -> List.of(Stage.PROPOSALS);
            case BLAZEFACE_ONET -> List.of(Stage.PROPOSALS, Stage.PYRAMID, Stage.ONET, Stage.NMS);
        };
        out.printf(Locale.ROOT, "%s, provider %s, %d threads, %d frame(s) per call; medians per frame%n",
                cascade ? "MTCNN cascade" : detector.model(), detector.provider(), settings.threads, batch);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-10s %8s %9s %9s %6s", "size",
                "frames/s", "median ms", "p90 ms", "faces"));
        for (Stage stage : stages) {
            header.append(String.format(Locale.ROOT, " %9s", COLUMNS.get(stage)));
        }
        out.println(header);
        for (CascadeBenchmark.Result r : results) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-10s %8.1f %9.1f %9.1f %6d",
                    r.width() + "x" + r.height(), r.framesPerSecond(), r.medianMs(), r.p90Ms(), r.faces()));
            for (Stage stage : stages) {
                row.append(String.format(Locale.ROOT, " %9.1f", r.stageMedianMs().get(stage)));
            }
            out.println(row);
        }
        out.printf(Locale.ROOT, "Stage columns: thread ms per frame, summed over the threads that share a stage "
                + "(pyramid levels and crops run side by side), so together they can exceed the median.%n");
    }
}
