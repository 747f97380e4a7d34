package io.facestream.launcher;

import io.facestream.cascade.ExecutionProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code face-stream bench gpu}: the GPU path checked in one command, into one report. */
@Command(name = "gpu", mixinStandardHelpOptions = true,
        description = {"Checks the GPU path in one go and writes one report (report.txt, report.json, and each "
                + "command's output under logs/): the NVIDIA driver (nvidia-smi), that ONNX Runtime's CUDA provider "
                + "really starts (in ONNX Runtime's words where it does not), the golden test on CUDA (under Maven, "
                + "from the source tree), bench cascade --provider cuda at each batch size, and bench pipeline with "
                + "one worker on CUDA.",
                "A missing driver or provider ends the check with one line saying what is missing; the exit code is "
                        + "1 when any step failed. scripts/gpu-check builds the CUDA jar first where needed.",
                "--provider cpu runs the same steps on the CPU, to check the check without a GPU."})
final class GpuCheckCommand implements Callable<Integer> {
    private static final Set<String> SKIPPABLE = Set.of("golden", "cascade", "pipeline");

    @Spec
    CommandSpec spec;

    @Option(names = "--provider", paramLabel = "cuda|cpu",
            description = "Provider checked (default: cuda).")
    ExecutionProvider provider = ExecutionProvider.CUDA;

    @Option(names = "--batches", split = ",", paramLabel = "N,...",
            description = "Batch sizes of bench cascade (default: 1,2,4,8,16,32,64).")
    List<Integer> batches = List.of(1, 2, 4, 8, 16, 32, 64);

    @Option(names = "--sizes", split = ",", paramLabel = "WxH,...",
            description = "Frame sizes of bench cascade (default: 640x480,1280x720).")
    List<String> sizes = List.of("640x480", "1280x720");

    @Option(names = "--warmup-seconds", paramLabel = "S",
            description = "bench cascade's warm-up per size (default: ${DEFAULT-VALUE}).")
    double warmupSeconds = 1;

    @Option(names = "--seconds", paramLabel = "S",
            description = "bench cascade's measurement per size (default: ${DEFAULT-VALUE}).")
    double seconds = 2;

    @Option(names = "--pipeline-cameras", paramLabel = "N",
            description = "bench pipeline's synthetic cameras (default: ${DEFAULT-VALUE}).")
    int pipelineCameras = 8;

    @Option(names = "--pipeline-fps", paramLabel = "F",
            description = "bench pipeline's frames/s per camera (default: ${DEFAULT-VALUE}).")
    double pipelineFps = 10;

    @Option(names = "--pipeline-warmup-seconds", paramLabel = "S",
            description = "bench pipeline's longest warm-up (default: ${DEFAULT-VALUE}).")
    double pipelineWarmupSeconds = 30;

    @Option(names = "--pipeline-seconds", paramLabel = "S",
            description = "bench pipeline's measurement (default: ${DEFAULT-VALUE}).")
    double pipelineSeconds = 30;

    @Option(names = "--skip", split = ",", paramLabel = "golden|cascade|pipeline",
            description = "Steps to leave out (reported as skipped).")
    Set<String> skip = Set.of();

    @Option(names = "--offline", description = "Maven runs offline (-o) for the golden test: where everything it "
            + "needs is in the local repository already, and the machine has no network.")
    boolean offline;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the report goes (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("target", "gpu-check");

    @Option(names = "--time-limit", paramLabel = "S",
            description = "Longest the whole check may take, in seconds; steps that would not fit fail as out of "
                    + "time (default: ${DEFAULT-VALUE}).")
    double timeLimit = 450;

    @Override
    public Integer call() throws IOException, InterruptedException {
        GpuCheck.Settings settings = validated();
        PrintWriter err = spec.commandLine().getErr();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long start = System.nanoTime();
        deleteOldLogs();
        GpuCheck check = new GpuCheck(settings, err);
        List<GpuCheckReport.Step> steps = check.run();
        GpuCheckReport report = GpuCheckReport.of(settings.providerName(), started.toString(),
                Math.round((System.nanoTime() - start) / 1e8) / 10.0, timeLimit, check.gpu(), steps);
        report.write(out);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(report.text());
        stdout.printf("%nReport: %s and report.json; each command's output: %s%n", out.resolve("report.txt"),
                out.resolve("logs"));
        stdout.flush();
        if (report.status() == GpuCheckReport.Status.FAILED) {
            err.println(report.failureLine());
            return 1;
        }
        return 0;
    }

    private GpuCheck.Settings validated() {
        if (provider == ExecutionProvider.AUTO) {
            throw new ParameterException(spec.commandLine(), "--provider must be cuda or cpu, got auto");
        }
        if (batches.isEmpty() || batches.stream().anyMatch(batch -> batch < 1)) {
            throw new ParameterException(spec.commandLine(), "--batches must all be 1 or more, got " + batches);
        }
        for (String size : sizes) {
            if (!size.matches("[1-9][0-9]*x[1-9][0-9]*")) {
                throw new ParameterException(spec.commandLine(), "--sizes: '" + size + "' is not WIDTHxHEIGHT, "
                        + "e.g. 640x480");
            }
        }
        for (String step : skip) {
            if (!SKIPPABLE.contains(step)) {
                throw new ParameterException(spec.commandLine(), "--skip: '" + step + "' is none of cascade, "
                        + "golden, pipeline");
            }
        }
        if (!(timeLimit > 0)) {
            throw new ParameterException(spec.commandLine(), "--time-limit must be above 0, got " + timeLimit);
        }
        return new GpuCheck.Settings(provider, batches, sizes, warmupSeconds, seconds, pipelineCameras, pipelineFps,
                pipelineWarmupSeconds, pipelineSeconds, skip, Path.of("."), offline, out, timeLimit);
    }

    /** The logs of an earlier check would pass for this one's. */
    private void deleteOldLogs() throws IOException {
        Path logs = out.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(logs)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
