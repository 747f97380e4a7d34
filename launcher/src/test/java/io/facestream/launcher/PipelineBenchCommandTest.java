package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code bench pipeline}'s options: mistakes are named before anything starts (no benchmark is run). */
class PipelineBenchCommandTest {

    @Test
    void anUnknownClipIsNamedWithTheKnownOnes() {
        DetectCommandTest.Run run = DetectCommandTest.run("bench", "pipeline", "--clip", "garage");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElseThrow())
                .contains("--clip").contains("'garage' is none of door, in-view, lights");
    }

    @Test
    void aClipAndAPhotoExcludeEachOther() {
        DetectCommandTest.Run run = DetectCommandTest.run("bench", "pipeline", "--clip", "in-view", "--photo",
                "sample1.jpg");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElseThrow()).isEqualTo("--clip and --photo exclude each other");
    }

    @Test
    void trackingIsOnOrOff() {
        DetectCommandTest.Run run = DetectCommandTest.run("bench", "pipeline", "--tracking", "maybe");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElseThrow()).contains("--tracking").contains("maybe");
    }
}
