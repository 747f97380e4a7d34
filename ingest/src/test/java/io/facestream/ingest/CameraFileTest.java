package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CameraFileTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("cameras.yaml"), yaml);
    }

    @Test
    void readsCamerasWithDefaultsForMissingFields() throws Exception {
        Path file = write("""
                - id: door
                  url: rtsp://admin:secret@10.0.0.5/stream
                  fps: 10
                  maxWidth: 1280
                  stallTimeoutMillis: 5000
                - id: demo
                  url: /videos/demo.mp4
                  loop: true
                  enabled: false
                """);
        assertThat(CameraFile.read(file)).containsExactly(
                new Camera("door", "rtsp://admin:secret@10.0.0.5/stream", 10, 1280, null, 85, false,
                        Duration.ofSeconds(5), true),
                new Camera("demo", "/videos/demo.mp4", 5, null, null, 85, true, Duration.ofSeconds(10), false));
    }

    @Test
    void badValueNamesFileCameraAndField() throws Exception {
        Path file = write("""
                - id: door
                  url: rtsp://10.0.0.5/stream
                - id: yard
                  url: rtsp://10.0.0.6/stream
                  jpegQuality: 150
                """);
        assertThatThrownBy(() -> CameraFile.read(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("camera 'yard' (entry 2)")
                .hasMessageContaining("field jpegQuality")
                .hasMessageContaining("1 to 100");
    }

    @Test
    void missingUrlAndUnknownFieldAndWrongTypeAreNamed() throws Exception {
        assertThatThrownBy(() -> CameraFile.read(write("- id: door\n")))
                .hasMessageContaining("camera 'door' (entry 1): field url: url is missing");
        assertThatThrownBy(() -> CameraFile.read(write("- id: door\n  url: x.mp4\n  framerate: 5\n")))
                .hasMessageContaining("field framerate: unknown").hasMessageContaining("fps");
        assertThatThrownBy(() -> CameraFile.read(write("- id: door\n  url: x.mp4\n  fps: fast\n")))
                .hasMessageContaining("field fps: fps must be a number, not 'fast'");
        assertThatThrownBy(() -> CameraFile.read(write("- id: door\n  url: a.mp4\n- id: door\n  url: b.mp4\n")))
                .hasMessageContaining("camera 'door' (entry 2): field id");
    }

    @Test
    void errorsNeverQuoteAPassword() throws Exception {
        Path file = write("- id: 'bad id!'\n  url: rtsp://admin:secret@10.0.0.5/stream\n");
        assertThatThrownBy(() -> CameraFile.read(file)).hasMessageContaining("field id")
                .hasMessageNotContaining("secret");
    }

    @Test
    void missingFileAndNonListAreClearErrors() throws Exception {
        assertThatThrownBy(() -> CameraFile.read(dir.resolve("nope.yaml"))).hasMessageContaining("no such camera file");
        assertThatThrownBy(() -> CameraFile.read(write("id: door\n"))).hasMessageContaining("expected a list of cameras");
        assertThat(CameraFile.read(write(""))).isEmpty();
    }
}
