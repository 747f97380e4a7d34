package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CameraRedactionTest {

    @Test
    void cameraToStringHidesThePassword() {
        Camera camera = Camera.of("door", "rtsp://admin:top@secret99@10.0.0.5/stream").withStallTimeout(Duration.ofSeconds(3));
        assertThat(camera.toString()).contains("rtsp://***@10.0.0.5/stream").doesNotContain("secret99");
        assertThat(StreamSource.of(camera.url(), camera.stallTimeout()).toString()).doesNotContain("secret99");
    }
}
