package io.facestream.sink.cameras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.schemas.avro.CameraConfig;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CameraSettingsTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void fieldsLeftOutTakeTheSchemaDefaults() throws Exception {
        CameraConfig config = CameraSettings.parse("door", body("{\"url\": \"rtsp://10.0.0.5/stream\"}"), Optional.empty());

        assertThat(config.getId()).isEqualTo("door");
        assertThat(config.getUrl()).isEqualTo("rtsp://10.0.0.5/stream");
        assertThat(config.getFps()).isEqualTo(5.0f);
        assertThat(config.getJpegQuality()).isEqualTo(85);
        assertThat(config.getStallTimeoutMillis()).isEqualTo(10_000);
        assertThat(config.getEnabled()).isTrue();
        assertThat(config.getMaxWidth()).isNull();
    }

    @Test
    void everyFieldIsTaken() throws Exception {
        CameraConfig config = CameraSettings.parse("hall", body("{\"id\": \"hall\", \"url\": \"/dev/video0\", \"fps\": 2.5,"
                + " \"maxWidth\": 1280, \"maxHeight\": 720, \"jpegQuality\": 70, \"loop\": true,"
                + " \"stallTimeoutMillis\": 3000, \"enabled\": false}"), Optional.empty());

        assertThat(config.getFps()).isEqualTo(2.5f);
        assertThat(config.getMaxWidth()).isEqualTo(1280);
        assertThat(config.getMaxHeight()).isEqualTo(720);
        assertThat(config.getJpegQuality()).isEqualTo(70);
        assertThat(config.getLoop()).isTrue();
        assertThat(config.getStallTimeoutMillis()).isEqualTo(3000);
        assertThat(config.getEnabled()).isFalse();
    }

    @Test
    void aBadValueIsRefusedNamingItsField() {
        assertRefused("door", "{\"url\": \"x\", \"fps\": 0}", "fps");
        assertRefused("door", "{\"url\": \"x\", \"fps\": \"fast\"}", "fps");
        assertRefused("door", "{\"url\": \"x\", \"jpegQuality\": 101}", "jpegQuality");
        assertRefused("door", "{\"url\": \"x\", \"maxWidth\": 8}", "maxWidth");
        assertRefused("door", "{\"url\": \"x\", \"maxHeight\": 1.5}", "maxHeight");
        assertRefused("door", "{\"url\": \"x\", \"loop\": \"yes\"}", "loop");
        assertRefused("door", "{\"url\": \"x\", \"stallTimeoutMillis\": 5}", "stallTimeoutMillis");
        assertRefused("door", "{\"fps\": 5}", "url");
        assertRefused("door", "{\"url\": \"x\", \"colour\": true}", "colour");
        assertRefused("door", "{\"id\": \"hall\", \"url\": \"x\"}", "id");
        assertRefused("a door", "{\"url\": \"x\"}", "id");
        assertRefused("door", "[]", "body");
    }

    @Test
    void theRedactedUrlOfAGetKeepsTheStoredPassword() throws Exception {
        CameraConfig stored = CameraConfig.newBuilder().setId("door").setUrl("rtsp://admin:s3cret@10.0.0.5/live").build();

        CameraConfig changed = CameraSettings.parse("door",
                body("{\"url\": \"rtsp://admin:***@10.0.0.5/live\", \"fps\": 2}"), Optional.of(stored));

        assertThat(changed.getUrl()).isEqualTo("rtsp://admin:s3cret@10.0.0.5/live");
        assertThat(changed.getFps()).isEqualTo(2f);
    }

    private void assertRefused(String id, String body, String field) {
        assertThatThrownBy(() -> CameraSettings.parse(id, body(body), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(field);
    }

    private JsonNode body(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
