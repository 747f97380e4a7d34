package io.facestream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CameraUrlsTest {

    @Test
    void everythingBetweenTheSchemeAndTheLastAtOfTheAuthorityIsMasked() {
        assertThat(CameraUrls.redact("rtsp://admin:pa$$w0rd@10.0.0.5:554/stream1")).isEqualTo("rtsp://***@10.0.0.5:554/stream1");
        assertThat(CameraUrls.redact("rtsp://admin:top@secret99@host/x")).isEqualTo("rtsp://***@host/x");
        assertThat(CameraUrls.redact("rtsp://admin:s3cr:et@10.0.0.5:554/live")).isEqualTo("rtsp://***@10.0.0.5:554/live");
        assertThat(CameraUrls.redact("http://admin:top@secret99@cam.local?x=1")).isEqualTo("http://***@cam.local?x=1");
    }

    @Test
    void anAtAfterTheAuthorityIsNoPassword() {
        assertThat(CameraUrls.redact("rtsp://10.0.0.5/streams/a@b")).isEqualTo("rtsp://10.0.0.5/streams/a@b");
        assertThat(CameraUrls.redact("http://cam.local?user=a@b")).isEqualTo("http://cam.local?user=a@b");
    }

    @Test
    void passwordLikeQueryParametersAreMasked() {
        assertThat(CameraUrls.redact("http://cam.local/video.cgi?user=admin&password=hunter2&resolution=640x480&token=abc123"))
                .isEqualTo("http://cam.local/video.cgi?user=admin&password=***&resolution=640x480&token=***");
        for (String name : new String[] {"password", "passwd", "pwd", "token", "key", "secret", "auth", "PWD"}) {
            assertThat(CameraUrls.redact("http://cam.local/snap.cgi?" + name + "=hunter2&res=hd")).as(name)
                    .isEqualTo("http://cam.local/snap.cgi?" + name + "=***&res=hd");
        }
    }

    @Test
    void urlsInsideMessagesAreMasked() {
        String message = "avformat_open_input() error -111: Could not open input \"rtsp://u:top@secret@h/s?pwd=x1\".";
        assertThat(CameraUrls.redact(message))
                .isEqualTo("avformat_open_input() error -111: Could not open input \"rtsp://***@h/s?pwd=***\".");
        assertThat(CameraUrls.redact("cannot open rtsp://u:p4ss@host/x: timeout, mail ops@example.com"))
                .isEqualTo("cannot open rtsp://***@host/x: timeout, mail ops@example.com");
    }

    @Test
    void literalSecretsOfTheUrlAreMaskedWhereverTheyAppear() {
        assertThat(CameraUrls.redact("login failed for password p@ss:word", "rtsp://admin:p%40ss%3Aword@h/s"))
                .isEqualTo("login failed for password ***");
        assertThat(CameraUrls.redact("401 for top@secret99", "rtsp://admin:top@secret99@host/x"))
                .isEqualTo("401 for ***");
    }

    @Test
    void urlsWithoutCredentialsAreUnchanged() {
        assertThat(CameraUrls.redact("rtsp://10.0.0.5/stream")).isEqualTo("rtsp://10.0.0.5/stream");
        assertThat(CameraUrls.redact("/dev/video0")).isEqualTo("/dev/video0");
        assertThat(CameraUrls.redact("data/demo.mp4")).isEqualTo("data/demo.mp4");
        assertThat(CameraUrls.redact(null)).isNull();
    }

    @Test
    void onlyRtspAndHttpAreNetworkSources() {
        for (String url : new String[] {"rtsp://h/x", "RTSPS://h/x", "http://h/x", "https://u:p@h/x"}) {
            assertThat(CameraUrls.isLocalSource(url)).as(url).isFalse();
        }
        for (String url : new String[] {"/dev/video0", "data/demo.mp4", "file:///etc/passwd", "tcp://10.0.0.1:9092",
                "concat:/a|/b", "rtsp:/h"}) {
            assertThat(CameraUrls.isLocalSource(url)).as(url).isTrue();
        }
    }
}
