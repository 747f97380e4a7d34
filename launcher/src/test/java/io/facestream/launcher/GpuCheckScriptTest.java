package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.launcher.GpuCheckTest.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/gpu-check on a machine without a working NVIDIA driver: one line saying so, exit code 1, before it builds
 * anything.
 */
class GpuCheckScriptTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "gpu-check");

    @TempDir
    Path dir;

    @Test
    void withoutNvidiaSmiItSaysSoInOneLine() throws Exception {
        Path emptyPath = Files.createDirectory(dir.resolve("bin"));
        Output run = GpuCheckTest.run(List.of(bash(), SCRIPT.toString()), emptyPath, dir);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("gpu-check: no NVIDIA driver: nvidia-smi not found\n");
    }

    @Test
    void aDriverThatDoesNotAnswerIsQuotedInOneLine() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        // What nvidia-smi prints where the kernel module is not loaded.
        Path smi = Files.writeString(bin.resolve("nvidia-smi"), "#!/bin/sh\n"
                + "echo \"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\"\n"
                + "echo \"Make sure that the latest NVIDIA driver is installed and running.\"\nexit 9\n");
        assertThat(smi.toFile().setExecutable(true)).isTrue();
        Output run = GpuCheckTest.run(List.of(bash(), SCRIPT.toString()), bin, dir);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("gpu-check: NVIDIA driver not working: nvidia-smi: NVIDIA-SMI has failed "
                + "because it couldn't communicate with the NVIDIA driver.\n");
    }

    private static String bash() {
        return TimedCommand.onPath("bash").orElseThrow().toString();
    }
}
