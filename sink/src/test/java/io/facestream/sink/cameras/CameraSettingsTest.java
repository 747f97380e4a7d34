package io.facestream.sink.cameras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.schemas.avro.AlertRules;
import io.facestream.schemas.avro.AlertZone;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.DetectionSettings;
import io.facestream.schemas.avro.ZonePoint;
import io.facestream.sink.alerts.AlertSettings;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CameraSettingsTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void fieldsLeftOutTakeTheSchemaDefaults() throws Exception {
        CameraConfig config = parse("door", body("{\"url\": \"rtsp://10.0.0.5/stream\"}"), Optional.empty());

        assertThat(config.getId()).isEqualTo("door");
        assertThat(config.getUrl()).isEqualTo("rtsp://10.0.0.5/stream");
        assertThat(config.getFps()).isEqualTo(5.0f);
        assertThat(config.getJpegQuality()).isEqualTo(85);
        assertThat(config.getStallTimeoutMillis()).isEqualTo(10_000);
        assertThat(config.getEnabled()).isTrue();
        assertThat(config.getMaxWidth()).isNull();
        assertThat(config.getTransport()).isEqualTo("auto");
    }

    @Test
    void everyFieldIsTaken() throws Exception {
        CameraConfig config = CameraSettings.parse("hall", body("{\"id\": \"hall\", \"url\": \"/dev/video0\", \"fps\": 2.5,"
                + " \"maxWidth\": 1280, \"maxHeight\": 720, \"jpegQuality\": 70, \"loop\": true,"
                + " \"stallTimeoutMillis\": 3000, \"transport\": \"udp\", \"enabled\": false}"), Optional.empty(),
                AlertSettings.defaults().defaultRule(), true);

        assertThat(config.getFps()).isEqualTo(2.5f);
        assertThat(config.getMaxWidth()).isEqualTo(1280);
        assertThat(config.getMaxHeight()).isEqualTo(720);
        assertThat(config.getJpegQuality()).isEqualTo(70);
        assertThat(config.getLoop()).isTrue();
        assertThat(config.getStallTimeoutMillis()).isEqualTo(3000);
        assertThat(config.getTransport()).isEqualTo("udp");
        assertThat(config.getEnabled()).isFalse();
    }

    @Test
    void aBadValueIsRefusedNamingItsField() {
        assertRefused("door", "{\"url\": \"rtsp://x\", \"fps\": 0}", "fps");
        assertRefused("door", "{\"url\": \"rtsp://x\", \"fps\": \"fast\"}", "fps");
        assertRefused("door", "{\"url\": \"rtsp://x\", \"jpegQuality\": 101}", "jpegQuality");
        assertRefused("door", "{\"url\": \"rtsp://x\", \"maxWidth\": 8}", "maxWidth");
        assertRefused("door", "{\"url\": \"rtsp://x\", \"maxHeight\": 1.5}", "maxHeight");
        assertRefused("door", "{\"url\": \"rtsp://x\", \"loop\": \"yes\"}", "loop");
        assertRefused("door", "{\"url\": \"rtsp://x\", \"stallTimeoutMillis\": 5}", "stallTimeoutMillis");
        assertRefused("door", "{\"url\": \"rtsp://x\", \"transport\": \"http\"}",
                "transport must be one of auto, tcp, udp");
        assertRefused("door", "{\"url\": \"rtsp://x\", \"transport\": 1}", "transport must be a string");
        assertRefused("door", "{\"fps\": 5}", "url");
        assertRefused("door", "{\"url\": \"rtsp://x\", \"colour\": true}", "colour");
        assertRefused("door", "{\"id\": \"hall\", \"url\": \"rtsp://x\"}", "id");
        assertRefused("a door", "{\"url\": \"rtsp://x\"}", "id");
        for (String dots : new String[] {".", "..", "...", ".door"}) {
            assertRefused(dots, "{\"url\": \"rtsp://x\"}", "id");
        }
        assertRefused("door", "[]", "body");
    }

    @Test
    void theRedactedUrlOfAGetKeepsTheStoredPassword() throws Exception {
        CameraConfig stored = CameraConfig.newBuilder().setId("door").setUrl("rtsp://admin:s3cret@10.0.0.5/live").build();

        CameraConfig changed = parse("door",
                body("{\"url\": \"rtsp://***@10.0.0.5/live\", \"fps\": 2}"), Optional.of(stored));

        assertThat(changed.getUrl()).isEqualTo("rtsp://admin:s3cret@10.0.0.5/live");
        assertThat(changed.getFps()).isEqualTo(2f);
    }

    @Test
    void alertRulesAreTakenWithEveryField() throws Exception {
        CameraConfig config = parse("door", body("{\"url\": \"rtsp://x\", \"alerts\": {\"minScore\": 0.8,"
                + " \"minFaceSize\": 60, \"presentFrames\": 1, \"windowFrames\": 2, \"goneAfterMillis\": 4000,"
                + " \"cameraDown\": false, \"zones\": [{\"name\": \"entrance\", \"polygon\": [{\"x\": 0, \"y\": 0},"
                + " {\"x\": 1, \"y\": 0}, {\"x\": 0.5, \"y\": 1}]}]}}"), Optional.empty());

        assertThat(config.getAlerts()).isEqualTo(new AlertRules(0.8f, 60, 1, 2, 4000L, false, false, null, List.of(new AlertZone(
                "entrance", List.of(new ZonePoint(0f, 0f), new ZonePoint(1f, 0f), new ZonePoint(0.5f, 1f))))));
    }

    @Test
    void alertsLeftOutKeepTheCurrentRulesAndNullRemovesThem() throws Exception {
        AlertRules rules = new AlertRules(null, null, 1, null, null, true, false, null, List.of());
        CameraConfig stored = CameraConfig.newBuilder().setId("door").setUrl("rtsp://10.0.0.5/live").setAlerts(rules)
                .build();

        assertThat(parse("door", body("{\"url\": \"rtsp://10.0.0.5/live\", \"fps\": 2}"), Optional.of(stored))
                .getAlerts()).isEqualTo(rules);
        assertThat(parse("door", body("{\"url\": \"rtsp://10.0.0.5/live\", \"alerts\": null}"), Optional.of(stored))
                .getAlerts()).isNull();
        assertThat(parse("door", body("{\"url\": \"rtsp://x\"}"), Optional.empty()).getAlerts()).isNull();
    }

    @Test
    void badAlertRulesAreRefusedNamingTheField() {
        assertRefused("door", "{\"url\": \"rtsp://x\", \"alerts\": {\"minScore\": -0.1}}", "alerts.minScore");
        assertRefused("door", "{\"url\": \"rtsp://x\", \"alerts\": {\"windowFrames\": 100}}", "alerts.windowFrames");
        assertRefused("door", "{\"url\": \"rtsp://x\", \"alerts\": {\"zones\": [{\"name\": \"d\", \"polygon\": []}]}}",
                "alerts.zones[0].polygon");
        assertRefused("door", "{\"url\": \"rtsp://x\", \"alerts\": {\"colour\": 1}}", "alerts.colour");
        // The sink's default window is 5 frames: 6 of them can never be present.
        assertRefused("door", "{\"url\": \"rtsp://x\", \"alerts\": {\"presentFrames\": 6}}", "alerts.presentFrames");
    }

    @Test
    void detectionSettingsAreTakenWithEveryField() throws Exception {
        CameraConfig config = parse("door", body("{\"url\": \"rtsp://x\", \"detection\": {\"minFaceSize\": 60,"
                + " \"region\": [{\"x\": 0.2, \"y\": 0}, {\"x\": 0.8, \"y\": 0}, {\"x\": 0.8, \"y\": 1}],"
                + " \"fullScanIntervalMillis\": 3000, \"motionThreshold\": 30, \"tracking\": false,"
                + " \"model\": \"blazeface+onet\"}}"), Optional.empty());

        assertThat(config.getDetection()).isEqualTo(new DetectionSettings(60, List.of(new ZonePoint(0.2f, 0f),
                new ZonePoint(0.8f, 0f), new ZonePoint(0.8f, 1f)), 3000L, 30, false, null, "blazeface+onet"));
    }

    @Test
    void detectionLeftOutKeepsTheCurrentSettingsAndNullRemovesThem() throws Exception {
        DetectionSettings settings = new DetectionSettings(60, List.of(), null, null, null, null, null);
        AlertRules rules = new AlertRules(null, null, 1, null, null, true, false, null, List.of());
        CameraConfig stored = CameraConfig.newBuilder().setId("door").setUrl("rtsp://10.0.0.5/live").setAlerts(rules)
                .setDetection(settings).build();

        CameraConfig fpsOnly = parse("door", body("{\"url\": \"rtsp://10.0.0.5/live\", \"fps\": 2}"),
                Optional.of(stored));
        assertThat(fpsOnly.getDetection()).isEqualTo(settings);
        CameraConfig removed = parse("door", body("{\"url\": \"rtsp://10.0.0.5/live\", \"detection\": null}"),
                Optional.of(stored));
        assertThat(removed.getDetection()).isNull();
        assertThat(removed.getAlerts()).as("the alert rules stay").isEqualTo(rules);
        CameraConfig changed = parse("door", body("{\"url\": \"rtsp://10.0.0.5/live\", \"detection\": {\"tracking\":"
                + " false}}"), Optional.of(stored));
        assertThat(changed.getDetection()).as("replaced as a whole, as alerts are")
                .isEqualTo(new DetectionSettings(null, List.of(), null, null, false, null, null));
        assertThat(parse("door", body("{\"url\": \"rtsp://x\"}"), Optional.empty()).getDetection()).isNull();
    }

    @Test
    void badDetectionSettingsAreRefusedNamingTheField() {
        assertRefused("door", "{\"url\": \"rtsp://x\", \"detection\": {\"minFaceSize\": 8}}", "detection.minFaceSize");
        assertRefused("door", "{\"url\": \"rtsp://x\", \"detection\": {\"fullScanIntervalMillis\": 60001}}",
                "detection.fullScanIntervalMillis must be 100 to 60000 ms");
        assertRefused("door", "{\"url\": \"rtsp://x\", \"detection\": {\"motionThreshold\": 0}}",
                "detection.motionThreshold");
        assertRefused("door", "{\"url\": \"rtsp://x\", \"detection\": {\"tracking\": \"off\"}}", "detection.tracking");
        assertRefused("door", "{\"url\": \"rtsp://x\", \"detection\": {\"region\": [{\"x\": 0, \"y\": 0},"
                + " {\"x\": 1, \"y\": 0}, {\"x\": 0.5, \"y\": -1}]}}", "detection.region[2].y");
        assertRefused("door", "{\"url\": \"rtsp://x\", \"detection\": {\"region\": [{\"x\": 0, \"y\": 0},"
                + " {\"x\": 0.5, \"y\": 0.5}, {\"x\": 1, \"y\": 1}]}}", "detection.region encloses no area");
        assertRefused("door", "{\"url\": \"rtsp://x\", \"detection\": {\"scale\": 2}}", "detection.scale");
        assertRefused("door", "{\"url\": \"rtsp://x\", \"detection\": true}", "detection must be a mapping");
    }

    @Test
    void aNewUrlMustReachANetworkCameraUnlessLocalSourcesAreAllowed() throws Exception {
        for (String url : new String[] {"/etc/passwd", "file:///etc/passwd", "/dev/video0", "tcp://127.0.0.1:9092",
                "concat:/a.mp4|/b.mp4"}) {
            assertRefused("door", "{\"url\": \"" + url + "\"}", "url must start with rtsp://, rtsps://, http://, https://");
        }
        assertThat(parse("door", body("{\"url\": \"RTSPS://10.0.0.5/live\"}"), Optional.empty()).getUrl())
                .isEqualTo("RTSPS://10.0.0.5/live");
        CameraConfig demo = CameraConfig.newBuilder().setId("demo").setUrl("data/demo.mp4").build();
        assertThat(parse("demo", body("{\"url\": \"data/demo.mp4\", \"fps\": 2}"), Optional.of(demo)).getFps())
                .as("a file camera from the camera file keeps its URL").isEqualTo(2f);
    }

    private static CameraConfig parse(String id, JsonNode body, Optional<CameraConfig> current) {
        return CameraSettings.parse(id, body, current, AlertSettings.defaults().defaultRule(), false);
    }

    private void assertRefused(String id, String body, String field) {
        assertThatThrownBy(() -> parse(id, body(body), Optional.empty()))
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
