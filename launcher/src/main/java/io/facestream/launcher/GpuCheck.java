package io.facestream.launcher;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.ExecutionProvider;
import io.facestream.cascade.Face;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.RgbImage;
import io.facestream.launcher.GpuCheckReport.Status;
import io.facestream.launcher.GpuCheckReport.Step;
import io.facestream.samples.SamplePhoto;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The steps of {@code bench gpu}, in order: the NVIDIA driver, the provider ONNX Runtime really starts, the golden
 * test on it, {@code bench cascade} at each batch size and with blazeface+onet (BlazeFace and O-Net both on the
 * provider), {@code bench pipeline} with one worker on it. A missing driver
 * or provider stops the check (every later step would only fall back to the CPU); a later step's failure does not.
 * Each step runs under a time limit taken from what is left of the whole check's.
 */
final class GpuCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double DRIVER_SECONDS = 20;
    /** The first CUDA session loads cuDNN and cuBLAS, which takes seconds on a fast machine. */
    private static final double PROVIDER_SECONDS = 120;
    private static final double GOLDEN_SECONDS = 240;
    /** Kept back from the time limit for writing the report. */
    private static final double RESERVE_SECONDS = 5;
    /** The single-stage detector's step, named as its model. */
    private static final String HYBRID = "blazeface+onet";
    private static final String GOLDEN_TEST = "cascade/src/test/java/io/facestream/cascade/GoldenPhotosTest.java";
    private static final String GOLDEN_XML =
            "cascade/target/surefire-reports/TEST-io.facestream.cascade.GoldenPhotosTest.xml";

    /**
     * What the check runs and for how long.
     *
     * @param skip           steps left out on purpose: golden, cascade, pipeline
     * @param sourceRoot     the repository the golden test runs in (with Maven)
     * @param offline        whether Maven runs offline
     * @param out            where the report and the steps' logs go
     */
    record Settings(ExecutionProvider provider, List<Integer> batches, List<String> sizes, double warmupSeconds,
                    double seconds, int pipelineCameras, double pipelineFps, double pipelineWarmupSeconds,
                    double pipelineSeconds, Set<String> skip, Path sourceRoot, boolean offline, Path out,
                    double timeLimitSeconds) {
        String providerName() {
            return provider.name().toLowerCase(Locale.ROOT);
        }
    }

    private final Settings settings;
    private final PrintWriter progress;
    private final long deadline;
    private String gpu = "-";

    GpuCheck(Settings settings, PrintWriter progress) {
        this.settings = settings;
        this.progress = progress;
        this.deadline = System.nanoTime() + (long) (settings.timeLimitSeconds() * 1e9);
    }

    /** The GPUs nvidia-smi listed, once the driver step ran. */
    String gpu() {
        return gpu;
    }

    List<Step> run() throws IOException, InterruptedException {
        List<Step> steps = new ArrayList<>();
        Step driver = settings.provider() == ExecutionProvider.CPU
                ? Step.skipped("driver", "--provider cpu: no GPU asked for") : timed("driver", this::driver);
        steps.add(driver);
        boolean noDriver = driver.status() == Status.FAILED;
        Step provider = noDriver ? Step.skipped("provider", "not run: no working NVIDIA driver")
                : timed("provider", this::provider);
        steps.add(provider);
        String blocked = provider.status() == Status.OK ? null : noDriver ? "not run: no working NVIDIA driver"
                : "not run: the " + settings.providerName() + " provider is not working";
        steps.add(step("golden", "golden", blocked, this::golden));
        for (int batch : settings.batches()) {
            String name = "cascade batch " + batch;
            steps.add(step(name, "cascade", blocked, () -> cascade(name, "mtcnn", batch)));
        }
        steps.add(step(HYBRID, "cascade", blocked, () -> cascade(HYBRID, HYBRID, 1)));
        steps.add(step("pipeline", "pipeline", blocked, this::pipeline));
        return steps;
    }

    private interface StepBody {
        Step run() throws IOException, InterruptedException;
    }

    /** A step after the provider's: skipped where the provider did not work or where --skip names its kind. */
    private Step step(String name, String kind, String blocked, StepBody body)
            throws IOException, InterruptedException {
        if (blocked != null) {
            return Step.skipped(name, blocked);
        }
        return settings.skip().contains(kind) ? Step.skipped(name, "--skip " + kind) : timed(name, body);
    }

    /** Runs a step, filling in its time, and says so on stderr as it starts and ends. */
    private Step timed(String name, StepBody body) throws IOException, InterruptedException {
        progress.printf(Locale.ROOT, "gpu-check: %s...%n", name);
        progress.flush();
        long start = System.nanoTime();
        Step step = body.run();
        double seconds = Math.round((System.nanoTime() - start) / 1e7) / 100.0;
        Step done = new Step(step.name(), step.status(), seconds, step.provider(), step.detail(), step.figures());
        progress.printf(Locale.ROOT, "gpu-check: %s %s (%.1f s): %s%n", name, done.status().lowerCase(), seconds,
                done.detail());
        progress.flush();
        return done;
    }

    private double secondsLeft() {
        return (deadline - System.nanoTime()) / 1e9 - RESERVE_SECONDS;
    }

    /** The time a step may take: its own limit, or what is left of the check's, whichever is less. */
    private Optional<Double> timeFor(double longest, double needed) {
        double left = secondsLeft();
        return left < needed ? Optional.empty() : Optional.of(Math.min(longest, left));
    }

    private Step outOfTime(String name, double needed) {
        return Step.failed(name, String.format(Locale.ROOT,
                "%s not run: out of time (%.0f s left of the %.0f s limit, it needs about %.0f s)",
                name, Math.max(0, secondsLeft()), settings.timeLimitSeconds(), needed));
    }

    private Step driver() throws IOException, InterruptedException {
        Optional<Path> smi = TimedCommand.onPath("nvidia-smi");
        if (smi.isEmpty()) {
            return Step.failed("driver", "no NVIDIA driver: nvidia-smi not found");
        }
        TimedCommand.Outcome listed = new TimedCommand(List.of(smi.get().toString(),
                "--query-gpu=name,driver_version,memory.total", "--format=csv,noheader"), Map.of(), Path.of("."))
                .run(logs(), "driver", DRIVER_SECONDS);
        if (!listed.succeeded()) {
            String said = listed.timedOut() ? "no answer in " + (int) DRIVER_SECONDS + " s"
                    : listed.out().lines().findFirst().orElse(listed.lastMessage());
            return Step.failed("driver", "NVIDIA driver not working: nvidia-smi: " + said);
        }
        List<String> gpus = listed.out().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (gpus.isEmpty()) {
            return Step.failed("driver", "no NVIDIA GPU: nvidia-smi lists none");
        }
        gpu = String.join("; ", gpus);
        ObjectNode figures = JSON.createObjectNode();
        figures.putPOJO("gpus", gpus);
        return new Step("driver", Status.OK, 0, "-", gpu, figures);
    }

    /**
     * Starts the provider in this process and detects in a sample photo with it. CUDA falls back to the CPU where it
     * cannot start (with a warning), so ONNX Runtime is first asked directly, for its own words on what is missing.
     */
    private Step provider() throws InterruptedException {
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "gpu-check-provider");
            t.setDaemon(true); // a provider stuck in native code must not keep the JVM alive after the report
            return t;
        });
        try {
            Future<Step> step = thread.submit(this::startProvider);
            return step.get((long) PROVIDER_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return Step.failed("provider", "the " + settings.providerName()
                    + " provider did not start in " + (int) PROVIDER_SECONDS + " s");
        } catch (ExecutionException e) {
            return Step.failed("provider", "the " + settings.providerName() + " provider could not detect: "
                    + said(e.getCause()));
        } finally {
            thread.shutdownNow();
        }
    }

    private Step startProvider() throws IOException, OrtException {
        String wanted = settings.providerName();
        if (settings.provider() == ExecutionProvider.CUDA) {
            Optional<String> problem = cudaProblem();
            if (problem.isPresent()) {
                return Step.failed("provider", problem.get());
            }
        }
        SamplePhoto photo = SamplePhoto.SAMPLE1;
        RgbImage image = RgbImage.read(photo.path());
        try (FaceDetector detector = FaceDetector.create(DetectorOptions.builder().provider(settings.provider())
                .build())) {
            long start = System.nanoTime();
            List<Face> faces = detector.detect(image);
            double firstMs = (System.nanoTime() - start) / 1e6;
            ObjectNode figures = JSON.createObjectNode();
            figures.put("onnxRuntime", OrtEnvironment.getEnvironment().getVersion());
            figures.put("photo", photo.fileName());
            figures.put("faces", faces.size());
            figures.put("firstDetectMs", firstMs);
            String detail = String.format(Locale.ROOT, "ONNX Runtime %s; %d faces in %s, first detect %.0f ms",
                    OrtEnvironment.getEnvironment().getVersion(), faces.size(), photo.fileName(), firstMs);
            if (!detector.provider().equals(wanted)) {
                return new Step("provider", Status.FAILED, 0, detector.provider(),
                        "asked for " + wanted + ", the detector runs on " + detector.provider(), figures);
            }
            return new Step("provider", Status.OK, 0, detector.provider(), detail, figures);
        }
    }

    /** What keeps ONNX Runtime's CUDA provider from starting, in its own words; empty where nothing does. */
    private static Optional<String> cudaProblem() {
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            return Optional.of("this ONNX Runtime build has no CUDA provider: build with -Pcuda "
                    + "(scripts/gpu-check does)");
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.addCUDA(0);
            return Optional.empty();
        } catch (OrtException | RuntimeException | LinkageError e) {
            return Optional.of("CUDA provider could not start: " + said(e));
        }
    }

    /** An exception's message in one line, or its class where it has none. */
    private static String said(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage().strip().replaceAll("\\s*\n\\s*", " ");
    }

    /** GoldenPhotosTest under Maven, on the provider: it also fails where the detector fell back to the CPU. */
    private Step golden() throws IOException, InterruptedException {
        Path root = settings.sourceRoot();
        if (!Files.isRegularFile(root.resolve(GOLDEN_TEST))) {
            return Step.failed("golden", "golden test not run: " + root.toAbsolutePath().normalize()
                    + " is not face-stream's source tree (run from the repository root, or --skip golden)");
        }
        Optional<Path> mvn = TimedCommand.onPath("mvn");
        if (mvn.isEmpty()) {
            return Step.failed("golden", "golden test not run: it runs under Maven, and mvn is not found");
        }
        Optional<Double> limit = timeFor(GOLDEN_SECONDS, 30);
        if (limit.isEmpty()) {
            return outOfTime("golden", 30);
        }
        Files.deleteIfExists(root.resolve(GOLDEN_XML));
        List<String> command = new ArrayList<>(List.of(mvn.get().toString(), "-B", "-Dstyle.color=never"));
        if (settings.offline()) {
            command.add("-o");
        }
        if (settings.provider() == ExecutionProvider.CUDA) {
            command.add("-Pcuda");
        }
        command.addAll(List.of("-pl", "cascade", "-am", "test", "-Dtest=GoldenPhotosTest",
                "-Dsurefire.failIfNoSpecifiedTests=false", "-Dfacestream.provider=" + settings.providerName()));
        TimedCommand.Outcome outcome = new TimedCommand(command, Map.of(), root).run(logs(), "golden", limit.get());
        Path xml = root.resolve(GOLDEN_XML);
        if (outcome.timedOut() || !Files.isRegularFile(xml)) {
            String why = outcome.timedOut() ? "did not finish in " + Math.round(limit.get()) + " s"
                    : "Maven stopped before the test ran: " + mavenError(outcome);
            return Step.failed("golden", "golden test " + why + " (log: " + logs().resolve("golden.out") + ")");
        }
        return goldenResult(xml, settings.providerName());
    }

    private static String mavenError(TimedCommand.Outcome outcome) {
        return outcome.out().lines().filter(line -> line.startsWith("[ERROR]")).findFirst()
                .map(line -> line.substring("[ERROR]".length()).strip()).orElse(outcome.lastMessage());
    }

    /** The test's counts from its surefire report; where any failed, the first one's name and message. */
    static Step goldenResult(Path xml, String wanted) throws IOException {
        Element suite;
        try {
            suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("cannot read " + xml + ": " + e.getMessage(), e);
        }
        int tests = Integer.parseInt(suite.getAttribute("tests"));
        int failed = Integer.parseInt(suite.getAttribute("failures")) + Integer.parseInt(suite.getAttribute("errors"));
        int skipped = Integer.parseInt(suite.getAttribute("skipped"));
        ObjectNode figures = JSON.createObjectNode();
        figures.put("tests", tests);
        figures.put("failed", failed);
        figures.put("skipped", skipped);
        List<String> failures = new ArrayList<>();
        boolean providerChecked = false;
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            Optional<Element> problem = firstChild(testCase, "failure").or(() -> firstChild(testCase, "error"));
            problem.ifPresent(p -> failures.add(testCase.getAttribute("name") + ": "
                    + p.getAttribute("message").strip().replaceAll("\\s+", " ")));
            if (testCase.getAttribute("name").equals("runsOnTheProviderAskedFor")) {
                providerChecked = problem.isEmpty() && firstChild(testCase, "skipped").isEmpty();
            }
        }
        String provider = providerChecked ? wanted : "-";
        if (!failures.isEmpty() || skipped > 0 || !providerChecked) {
            String why = failures.isEmpty() ? "the provider was not checked (" + skipped + " skipped)"
                    : failed + " of " + tests + " failed, first " + failures.get(0);
            return new Step("golden", Status.FAILED, 0, provider, "golden test on " + wanted + ": "
                    + why, figures);
        }
        return new Step("golden", Status.OK, 0, provider, tests + " tests passed, on " + provider
                + " (GoldenPhotosTest)", figures);
    }

    private static Optional<Element> firstChild(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? Optional.empty() : Optional.of((Element) nodes.item(0));
    }

    /** {@code bench cascade} of {@code model} at {@code batch} frames a call, on the provider checked. */
    private Step cascade(String name, String model, int batch) throws IOException, InterruptedException {
        double measured = settings.sizes().size() * (settings.warmupSeconds() + settings.seconds());
        double needed = measured + 10;
        Optional<Double> limit = timeFor(60 + 3 * measured, needed);
        if (limit.isEmpty()) {
            return outOfTime(name, needed);
        }
        List<String> command = faceStream("bench", "cascade", "--json", "--provider", settings.providerName(),
                "--model", model, "--batch", String.valueOf(batch), "--sizes", String.join(",", settings.sizes()),
                "--warmup-seconds", String.valueOf(settings.warmupSeconds()),
                "--seconds", String.valueOf(settings.seconds()));
        return benchStep(name, command, Map.of(), limit.get(), figures -> {
            List<String> sizes = new ArrayList<>();
            for (JsonNode result : figures.path("results")) {
                sizes.add(String.format(Locale.ROOT, "%dx%d %.1f frames/s (median %.1f ms)",
                        result.path("width").asInt(), result.path("height").asInt(),
                        result.path("framesPerSecond").asDouble(), result.path("medianMs").asDouble()));
            }
            return String.join(", ", sizes);
        });
    }

    private Step pipeline() throws IOException, InterruptedException {
        double needed = settings.pipelineWarmupSeconds() + settings.pipelineSeconds() + 20;
        Optional<Double> limit = timeFor(60 + 1.5 * needed, needed);
        if (limit.isEmpty()) {
            return outOfTime("pipeline", needed);
        }
        // Tracking off: every frame through the whole cascade, so that the figures are the provider's.
        List<String> command = faceStream("bench", "pipeline", "--json", "--tracking", "off",
                "--cameras", String.valueOf(settings.pipelineCameras()),
                "--fps", String.valueOf(settings.pipelineFps()),
                "--warmup-seconds", String.valueOf(settings.pipelineWarmupSeconds()),
                "--seconds", String.valueOf(settings.pipelineSeconds()));
        return benchStep("pipeline", command, Map.of("DETECTOR_PROVIDER", settings.providerName()), limit.get(),
                r -> String.format(Locale.ROOT, "%.1f of %.1f frames/s offered, p50 %.0f ms, p99 %.0f ms, "
                                + "%d not examined, %s", r.path("framesPerSecond").asDouble(),
                        r.path("offeredFramesPerSecond").asDouble(), r.path("p50Ms").asDouble(),
                        r.path("p99Ms").asDouble(), r.path("framesNotExamined").asLong(),
                        r.path("sustained").asBoolean() ? "sustained" : "NOT sustained"));
    }

    /** A bench command in a JVM of its own; its JSON output is the step's figures, and says where it ran. */
    private Step benchStep(String name, List<String> command, Map<String, String> environment, double limit,
                           Function<JsonNode, String> summary) throws IOException, InterruptedException {
        String slug = name.replace(' ', '-');
        TimedCommand.Outcome outcome = new TimedCommand(command, environment, Path.of(".")).run(logs(), slug, limit);
        String shown = String.join(" ", command.subList(command.indexOf("bench"), command.size()));
        if (outcome.timedOut()) {
            return Step.failed(name, String.format(Locale.ROOT, "%s did not finish in %.0f s", shown, limit));
        }
        if (outcome.exitCode() != 0) {
            return Step.failed(name, shown + " failed (exit " + outcome.exitCode() + "): " + outcome.lastMessage());
        }
        JsonNode figures;
        try {
            figures = JSON.readTree(outcome.out());
        } catch (IOException e) {
            return Step.failed(name, shown + " printed no JSON (log: " + logs().resolve(slug + ".out") + ")");
        }
        String provider = figures.path("provider").asText("-");
        if (!provider.equals(settings.providerName())) {
            String why = provider.equals("none") ? " examined no frame during its measurement"
                    : " ran on " + provider + ", not " + settings.providerName();
            return new Step(name, Status.FAILED, 0, provider, name + why + " (log: " + logs().resolve(slug + ".err")
                    + ")", figures);
        }
        return new Step(name, Status.OK, 0, provider, summary.apply(figures), figures);
    }

    /** face-stream itself in a new JVM: the same Java and class path as this one. */
    private List<String> faceStream(String... args) throws IOException {
        // The class path goes in an argument file: ONNX Runtime crashes (native stack overflow) where the command
        // line is as long as a class path of separate jars makes it.
        Path classPath = logs().resolve("classpath.args");
        Files.createDirectories(logs());
        Files.writeString(classPath, "-cp \"" + System.getProperty("java.class.path") + "\"");
        // face-stream's own logging (to stderr), even where a test's logback-test.xml, logging to stdout, comes first:
        // stdout carries the JSON.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=logback.xml", "@" + classPath, FaceStream.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private Path logs() {
        return settings.out().resolve("logs");
    }
}
