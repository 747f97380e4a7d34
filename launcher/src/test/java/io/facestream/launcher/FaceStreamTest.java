package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FaceStreamTest {

    @Test
    void everySubcommandHasHelp() {
        for (String[] command : new String[][] {{"--help"}, {"local", "--help"}, {"ingest", "--help"},
                {"worker", "--help"}, {"sink", "--help"}, {"topics", "--help"}, {"detect", "--help"}, {"bench", "--help"}, {"bench", "cascade", "--help"},
                {"bench", "pipeline", "--help"}, {"bench", "video", "--help"}, {"bench", "gpu", "--help"},
                {"convert-models", "--help"}}) {
            DetectCommandTest.Run run = DetectCommandTest.run(command);
            assertThat(run.exitCode()).as(String.join(" ", command)).isZero();
            assertThat(run.out()).contains("Usage:");
        }
    }

    @Test
    void aMissingFileIsOneLineNamingIt() {
        DetectCommandTest.Run run = DetectCommandTest.run("bench", "cascade", "--photo", "no-such-photo.jpg");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("face-stream bench cascade: no-such-photo.jpg: no such file");
    }
}
