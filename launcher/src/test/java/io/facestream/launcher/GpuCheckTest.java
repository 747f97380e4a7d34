package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench gpu} without a GPU: a missing driver is said in one line, and on the CPU the same steps run and land
 * in a report whose text and JSON list every step with its figures.
 */
class GpuCheckTest {
    private static final List<String> EVERY_STEP = List.of("driver", "provider", "golden", "cascade batch 1",
            "cascade batch 2", "cascade batch 4", "cascade batch 8", "cascade batch 16", "cascade batch 32",
            "cascade batch 64", "blazeface+onet", "pipeline");

    @TempDir
    Path dir;

    @Test
    void benchGpuWithoutNvidiaSmiEndsWithThatLineAndReportsEveryStep() throws Exception {
        Path emptyPath = Files.createDirectory(dir.resolve("bin"));
        Path out = dir.resolve("report");
        // The class path in an argument file, as bench gpu passes it on: ONNX Runtime crashes with a command line
        // this long.
        Path classPath = Files.writeString(dir.resolve("classpath.args"),
                "-cp \"" + System.getProperty("java.class.path") + "\"");
        Output run = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + classPath, FaceStream.class.getName(), "bench", "gpu", "--out", out.toString()), emptyPath, dir);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        List<String> errLines = run.err().lines().toList();
        assertThat(errLines.get(errLines.size() - 1)).isEqualTo("gpu-check: no NVIDIA driver: nvidia-smi not found");
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.get("status").asText()).isEqualTo("failed");
        assertThat(names(report)).isEqualTo(EVERY_STEP);
        assertThat(statuses(report)).first().isEqualTo("failed");
        assertThat(statuses(report).subList(1, EVERY_STEP.size())).containsOnly("skipped");
        assertThat(report.get("steps").get(2).get("detail").asText()).isEqualTo("not run: no working NVIDIA driver");
    }

    @Test
    void onTheCpuTheStepsRunAndTheReportListsEachWithItsFigures() throws Exception {
        Path out = dir.resolve("report");
        DetectCommandTest.Run run = DetectCommandTest.run("bench", "gpu", "--provider", "cpu", "--out", out.toString(),
                "--batches", "1,2", "--sizes", "320x240", "--warmup-seconds", "0.2", "--seconds", "0.5",
                "--skip", "golden", "--pipeline-cameras", "1", "--pipeline-fps", "2",
                "--pipeline-warmup-seconds", "5", "--pipeline-seconds", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();

        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.get("provider").asText()).isEqualTo("cpu");
        assertThat(report.get("status").asText()).isEqualTo("ok");
        assertThat(report.get("seconds").asDouble()).isPositive().isLessThan(report.get("timeLimitSeconds").asDouble());
        assertThat(names(report)).containsExactly("driver", "provider", "golden", "cascade batch 1", "cascade batch 2",
                "blazeface+onet", "pipeline");
        assertThat(statuses(report)).containsExactly("skipped", "ok", "skipped", "ok", "ok", "ok", "ok");
        JsonNode[] steps = StreamSupport.stream(report.get("steps").spliterator(), false).toArray(JsonNode[]::new);
        assertThat(steps[2].get("detail").asText()).isEqualTo("--skip golden");
        assertThat(steps[1].get("provider").asText()).isEqualTo("cpu");
        assertThat(steps[1].get("figures").get("faces").asInt()).isEqualTo(3);
        for (JsonNode cascade : List.of(steps[3], steps[4], steps[5])) {
            assertThat(cascade.get("provider").asText()).isEqualTo("cpu");
            assertThat(cascade.get("seconds").asDouble()).isPositive();
            JsonNode size = cascade.get("figures").get("results").get(0);
            assertThat(size.get("width").asInt()).isEqualTo(320);
            assertThat(size.get("framesPerSecond").asDouble()).isPositive();
            assertThat(cascade.get("detail").asText()).startsWith("320x240 ").contains(" frames/s (median ");
        }
        assertThat(steps[5].get("figures").get("model").asText()).isEqualTo("blazeface+onet");
        JsonNode pipeline = steps[6];
        assertThat(pipeline.get("provider").asText()).isEqualTo("cpu");
        assertThat(pipeline.get("figures").get("provider").asText()).isEqualTo("cpu");
        assertThat(pipeline.get("figures").get("framesPerSecond").asDouble()).isPositive();
        assertThat(pipeline.get("detail").asText()).contains("of 2.0 frames/s offered, p50 ");

        List<String> text = Files.readAllLines(out.resolve("report.txt"));
        assertThat(text.get(0)).startsWith("face-stream GPU check on cpu: OK, ");
        assertThat(text).anyMatch(line -> line.matches("cascade batch 2 +ok +[0-9.]+ +cpu +320x240 .*"))
                .anyMatch(line -> line.matches("golden +skipped +0\\.0 +- +--skip golden"))
                .anyMatch(line -> line.matches("pipeline +ok +[0-9.]+ +cpu +.* frames/s offered.*"));
        assertThat(run.out()).contains(text.get(0));
        assertThat(Files.list(out.resolve("logs")).map(path -> path.getFileName().toString()).toList())
                .contains("cascade-batch-1.out", "cascade-batch-1.err", "pipeline.out");
    }

    @Test
    void aGoldenTestThatFellBackToTheCpuFailsNamingTheTest() throws Exception {
        // Surefire's report of GoldenPhotosTest run with -Dfacestream.provider=cuda on a machine without CUDA.
        Path xml = Path.of(getClass().getResource("golden-fell-back-to-cpu.xml").toURI());
        GpuCheckReport.Step step = GpuCheck.goldenResult(xml, "cuda");
        assertThat(step.status()).isEqualTo(GpuCheckReport.Status.FAILED);
        assertThat(step.provider()).isEqualTo("-");
        assertThat(step.detail()).isEqualTo("golden test on cuda: 1 of 13 failed, first runsOnTheProviderAskedFor: "
                + "[the provider the detector runs on (CUDA falls back to the CPU where it cannot start)] "
                + "expected: \"cuda\" but was: \"cpu\"");
        assertThat(step.figures().get("tests").asInt()).isEqualTo(13);
    }

    @Test
    void onlyCudaOrCpuCanBeChecked() {
        DetectCommandTest.Run run = DetectCommandTest.run("bench", "gpu", "--provider", "auto");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElseThrow()).isEqualTo("--provider must be cuda or cpu, got auto");
    }

    @Test
    void anUnknownStepToSkipIsNamedWithTheKnownOnes() {
        DetectCommandTest.Run run = DetectCommandTest.run("bench", "gpu", "--skip", "driver");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElseThrow())
                .isEqualTo("--skip: 'driver' is none of cascade, golden, pipeline");
    }

    private static List<String> names(JsonNode report) {
        return field(report, "name");
    }

    private static List<String> statuses(JsonNode report) {
        return field(report, "status");
    }

    private static List<String> field(JsonNode report, String name) {
        List<String> values = new ArrayList<>();
        report.get("steps").forEach(step -> values.add(step.get(name).asText()));
        return values;
    }

    record Output(int exitCode, String out, String err) {
    }

    /**
     * Runs a command with only {@code path} on its PATH (so nothing else is found there), in this module's folder; its
     * output goes through files in {@code dir}.
     */
    static Output run(List<String> command, Path path, Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("PATH", path.toString());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
        return new Output(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
