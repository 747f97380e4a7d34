package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code face-stream local --model}: a detector there is not is refused before anything starts. */
class LocalCommandTest {

    @Test
    void anUnknownModelIsRefusedNamingTheChoices() {
        DetectCommandTest.Run unknown = DetectCommandTest.run("local", "--model", "retinaface", "--seconds", "1");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--model: unknown detector model 'retinaface'; choose one of mtcnn, blazeface, blazeface+onet").doesNotContain("Exception");
    }
}
