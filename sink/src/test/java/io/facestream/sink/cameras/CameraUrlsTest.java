package io.facestream.sink.cameras;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CameraUrlsTest {

    @Test
    void passwordsInUserInfoAndQueryParametersAreHidden() {
        assertThat(CameraUrls.redact("rtsp://admin:s3cr:et@10.0.0.5:554/live")).isEqualTo("rtsp://admin:***@10.0.0.5:554/live");
        assertThat(CameraUrls.redact("http://cam.local/snap.cgi?user=admin&pwd=hunter2&res=hd"))
                .isEqualTo("http://cam.local/snap.cgi?user=admin&pwd=***&res=hd");
        assertThat(CameraUrls.redact("cannot open rtsp://u:p4ss@host/x: timeout")).isEqualTo("cannot open rtsp://u:***@host/x: timeout");
    }

    @Test
    void urlsWithoutCredentialsStayAsTheyAre() {
        assertThat(CameraUrls.redact("rtsp://10.0.0.5/live")).isEqualTo("rtsp://10.0.0.5/live");
        assertThat(CameraUrls.redact("/dev/video0")).isEqualTo("/dev/video0");
        assertThat(CameraUrls.redact("data/demo.mp4")).isEqualTo("data/demo.mp4");
        assertThat(CameraUrls.redact(null)).isNull();
    }
}
