package io.facestream.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.cascade.RgbImage;
import io.facestream.samples.SamplePhoto;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code face-stream bench pipeline}: synthetic cameras through an embedded broker and detector workers. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Sends N synthetic cameras at F frames/s (a real photo as 640x480 JPEG frames) through an "
                + "embedded Kafka broker to W detector workers, and measures sustained frames/s, camera-to-event "
                + "latency (p50, p95, p99), frames not examined (stale) and CPU use, after a warm-up that lasts until "
                + "the JIT compiler has settled (below 2%% of the CPU over 15 s).",
                "Run it on an otherwise idle machine; everything (broker, cameras, workers) shares its cores."})
final class PipelineBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--cameras", paramLabel = "N", description = "Synthetic cameras (default: ${DEFAULT-VALUE}).")
    int cameras = 4;

    @Option(names = "--fps", paramLabel = "F", description = "Frames per second per camera (default: ${DEFAULT-VALUE}).")
    double fps = 5;

    @Option(names = "--workers", paramLabel = "W", description = "Detector workers (default: ${DEFAULT-VALUE}).")
    int workers = 1;

    // On 2 cores the JIT compiles the in-process broker's and clients' code for 2.5-4 minutes.
    @Option(names = "--warmup-seconds", paramLabel = "S",
            description = "Longest warm-up; it ends sooner, after 30 s at least, once the JIT has settled "
                    + "(default: ${DEFAULT-VALUE}).")
    double warmupSeconds = 360;

    // A p99 over a few hundred frames, not over its worst two or three.
    @Option(names = "--seconds", paramLabel = "S", description = "Measurement (default: ${DEFAULT-VALUE}).")
    double seconds = 60;

    @Option(names = "--photo", paramLabel = "FILE", description = "Photo the frames show (default: sample1.jpg).")
    Path photo;

    @Option(names = "--json", description = "Print the result as JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        RgbImage frame = Frames.fitted(RgbImage.read(photo != null ? photo : SamplePhoto.SAMPLE1.path()),
                new int[] {640, 480});
        Path dataDir = Files.createTempDirectory("face-stream-bench");
        PipelineBenchmark.Result result = new PipelineBenchmark(cameras, fps, workers, warmupSeconds, seconds)
                .run(frame, dataDir, spec.commandLine().getErr());
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
        } else {
            out.printf(Locale.ROOT, "pipeline: %d cameras x %.2f fps offered (%.1f frames/s), %d worker(s), 640x480, "
                    + "after %.0f s warm-up%n", cameras, fps, cameras * fps, workers, result.warmupSeconds());
            out.printf(Locale.ROOT, "%-14s %9s %8s %8s %8s %10s %8s %8s%n", "", "frames/s", "p50 ms", "p95 ms",
                    "p99 ms", "not exam.", "CPU %", "JIT %");
            out.printf(Locale.ROOT, "%-14s %9.1f %8.0f %8.0f %8.0f %10d %8.0f %8.1f%n", "sustained",
                    result.framesPerSecond(), result.p50Ms(), result.p95Ms(), result.p99Ms(),
                    result.framesNotExamined(), result.cpuPercent(), result.jitPercent());
        }
        return 0;
    }
}
