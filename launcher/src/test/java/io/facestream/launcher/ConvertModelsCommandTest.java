package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertModelsCommandTest {
    /** Maven runs tests in the module folder. */
    private static final Path COMMITTED = Path.of("../recognition/src/main/resources/io/facestream/recognition/models");

    @Test
    void mobileFaceNetIsWrittenAsCommittedWhenAskedFor(@TempDir Path out) throws IOException {
        DetectCommandTest.Run run = DetectCommandTest.run("convert-models", "--model", "mobilefacenet",
                "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("wrote " + out.resolve("mobilefacenet.onnx"));
        assertThat(Files.readAllBytes(out.resolve("mobilefacenet.onnx")))
                .isEqualTo(Files.readAllBytes(COMMITTED.resolve("mobilefacenet.onnx")));
    }

    @Test
    void anUnknownModelIsRefusedNamingTheChoices(@TempDir Path out) {
        DetectCommandTest.Run run = DetectCommandTest.run("convert-models", "--model", "arcface",
                "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--model", "arcface", "MTCNN", "MOBILEFACENET");
        assertThat(out).isEmptyDirectory();
    }
}
