package io.facestream.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.cascade.RgbImage;
import io.facestream.samples.DoorClip;
import io.facestream.samples.SamplePhoto;
import io.facestream.schemas.avro.FrameScan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;

/** {@code face-stream bench pipeline}: synthetic cameras through an embedded broker and detector workers. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Sends N synthetic cameras at F frames/s (a real photo as 640x480 JPEG frames) through an "
                + "embedded Kafka broker to W detector workers, and measures sustained frames/s, camera-to-event "
                + "latency (p50, p95, p99), frames not examined (stale) and CPU use, after a warm-up that lasts until "
                + "the JIT compiler has settled (below 2%% of the CPU over 15 s).",
                "With --clip, each camera plays a door clip of the sample photos in a loop instead, starting at its "
                        + "own point in the clip: people walk in, stand and leave, so that tracking workers scan "
                        + "what a door camera makes them scan, not a still picture.",
                "The load counts as sustained when every frame was examined and the frames sent but not yet "
                        + "answered grew by less than half a second of offered frames during the measurement.",
                "Run it on an otherwise idle machine; everything (broker, cameras, workers) shares its cores."})
final class PipelineBenchCommand implements Callable<Integer> {

    private static final int[] FRAME_SIZE = {640, 480};

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

    @Option(names = "--clip", paramLabel = "door|in-view|lights", converter = ClipName.class,
            description = "Door clip the cameras play in a loop instead of the photo: door (people come and go, "
                    + "nobody at times), in-view (two people all along), lights (one person, the lights go down "
                    + "and up) (default: the photo).")
    DoorClip clip;

    @Option(names = "--tracking", paramLabel = "on|off",
            description = "Workers follow each camera's faces and scan only what moved (on), or run the whole "
                    + "cascade on every frame (off), as WORKER_TRACKING (default: on).")
    VideoOptions.Switch tracking = VideoOptions.Switch.ON;

    @Option(names = "--json", description = "Print the result as JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        SyntheticCameras synthetic = syntheticCameras();
        Path dataDir = Files.createTempDirectory("face-stream-bench");
        PipelineBenchmark.Result result = new PipelineBenchmark(fps, workers, tracking == VideoOptions.Switch.ON,
                warmupSeconds, seconds).run(synthetic, dataDir, spec.commandLine().getErr());
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
        } else {
            printTable(out, result);
        }
        return 0;
    }

    private SyntheticCameras syntheticCameras() throws IOException {
        if (clip != null) {
            return SyntheticCameras.clip(clip, FRAME_SIZE[0], FRAME_SIZE[1], fps, cameras, Clock.systemUTC());
        }
        RgbImage frame = Frames.fitted(RgbImage.read(photo != null ? photo : SamplePhoto.SAMPLE1.path()), FRAME_SIZE);
        return SyntheticCameras.photo(frame, cameras, Clock.systemUTC());
    }

    private void validate() {
        if (cameras < 1) {
            throw new ParameterException(spec.commandLine(), "--cameras must be 1 or more, got " + cameras);
        }
        if (!(fps > 0)) {
            throw new ParameterException(spec.commandLine(), "--fps must be above 0, got " + fps);
        }
        if (workers < 1) {
            throw new ParameterException(spec.commandLine(), "--workers must be 1 or more, got " + workers);
        }
        if (clip != null && photo != null) {
            throw new ParameterException(spec.commandLine(), "--clip and --photo exclude each other");
        }
    }

    private static void printTable(PrintWriter out, PipelineBenchmark.Result r) {
        out.printf(Locale.ROOT, "pipeline: %d cameras x %.2f fps offered (%.1f frames/s), %d worker(s) on %s, "
                        + "640x480 %s, tracking %s, after %.0f s warm-up%n", r.cameras(), r.fpsPerCamera(),
                r.offeredFramesPerSecond(), r.workers(), r.provider(), r.frames(), r.tracking() ? "on" : "off",
                r.warmupSeconds());
        out.printf(Locale.ROOT, "%-14s %9s %9s %8s %8s %8s %10s %8s %8s%n", "", "sent/s", "frames/s", "p50 ms",
                "p95 ms", "p99 ms", "not exam.", "CPU %", "JIT %");
        out.printf(Locale.ROOT, "%-14s %9.1f %9.1f %8.0f %8.0f %8.0f %10d %8.0f %8.1f%n", "measured",
                r.sentFramesPerSecond(), r.framesPerSecond(), r.p50Ms(), r.p95Ms(), r.p99Ms(), r.framesNotExamined(),
                r.cpuPercent(), r.jitPercent());
        long examined = r.scans().values().stream().mapToLong(Long::longValue).sum();
        out.printf(Locale.ROOT, "scans: %s%n", Arrays.stream(FrameScan.values())
                .map(scan -> String.format(Locale.ROOT, "%s %.0f%%", scan.name().toLowerCase(Locale.ROOT),
                        examined == 0 ? 0 : 100.0 * r.scans().get(scan) / examined))
                .collect(Collectors.joining(", ")));
        out.printf(Locale.ROOT, "load %s: frames sent and not yet answered %d at the start, %d at the end%s%n",
                r.sustained() ? "sustained" : "NOT sustained", r.queuedAtStart(), r.queuedAtEnd(),
                r.framesNotExamined() > 0 ? ", " + r.framesNotExamined() + " frames not examined" : "");
    }

    /** A door clip by its name on the command line: door, in-view, lights. */
    static final class ClipName implements ITypeConverter<DoorClip> {
        @Override
        public DoorClip convert(String name) {
            for (DoorClip clip : DoorClip.values()) {
                if (SyntheticCameras.clipName(clip).equalsIgnoreCase(name.trim())) {
                    return clip;
                }
            }
            throw new TypeConversionException("'" + name + "' is none of " + Arrays.stream(DoorClip.values())
                    .map(SyntheticCameras::clipName).collect(Collectors.joining(", ")));
        }
    }
}
