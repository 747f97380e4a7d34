package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code face-stream local --model}: a detector workers do not run is refused before anything starts. */
class LocalCommandTest {

    @Test
    void aModelTheWorkersDoNotRunIsRefusedWithTheReason() {
        DetectCommandTest.Run blazeFace = DetectCommandTest.run("local", "--model", "blazeface", "--seconds", "1");
        assertThat(blazeFace.exitCode()).isEqualTo(2);
        assertThat(blazeFace.err()).contains("--model: blazeface gives six keypoints")
                .contains("use blazeface+onet").doesNotContain("Exception");

        DetectCommandTest.Run unknown = DetectCommandTest.run("local", "--model", "retinaface", "--seconds", "1");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--model: unknown detector model 'retinaface'; choose one of mtcnn");
    }
}
