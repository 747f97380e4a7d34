package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedactedUrlTest {

    @Test
    void userinfoPasswordIsMaskedAndTheUserKept() {
        assertThat(RedactedUrl.redact("rtsp://admin:pa$$w0rd@10.0.0.5:554/stream1"))
                .isEqualTo("rtsp://admin:***@10.0.0.5:554/stream1");
    }

    @Test
    void passwordLikeQueryParametersAreMasked() {
        assertThat(RedactedUrl.redact("http://cam.local/video.cgi?user=admin&password=hunter2&resolution=640x480&token=abc123"))
                .isEqualTo("http://cam.local/video.cgi?user=admin&password=***&resolution=640x480&token=***");
    }

    @Test
    void urlsInsideMessagesAreMasked() {
        String message = "avformat_open_input() error -111: Could not open input \"rtsp://u:secret@h/s?pwd=x1\".";
        assertThat(RedactedUrl.redact(message))
                .isEqualTo("avformat_open_input() error -111: Could not open input \"rtsp://u:***@h/s?pwd=***\".");
    }

    @Test
    void literalSecretsOfTheUrlAreMaskedWhereverTheyAppear() {
        String url = "rtsp://admin:p%40ss%3Aword@h/s";
        assertThat(RedactedUrl.redact("login failed for password p@ss:word", url)).isEqualTo("login failed for password ***");
    }

    @Test
    void urlsWithoutCredentialsAreUnchanged() {
        assertThat(RedactedUrl.redact("rtsp://10.0.0.5/stream")).isEqualTo("rtsp://10.0.0.5/stream");
        assertThat(RedactedUrl.redact("/dev/video0")).isEqualTo("/dev/video0");
        assertThat(RedactedUrl.redact((String) null)).isNull();
    }

    @Test
    void cameraToStringHidesThePassword() {
        Camera camera = Camera.of("door", "rtsp://admin:topsecret@10.0.0.5/stream").withStallTimeout(Duration.ofSeconds(3));
        assertThat(camera.toString()).contains("rtsp://admin:***@10.0.0.5/stream").doesNotContain("topsecret");
        assertThat(StreamSource.of(camera.url(), camera.stallTimeout()).toString()).doesNotContain("topsecret");
    }
}
