package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.RtspTransport;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.AlertRules;
import io.facestream.schemas.avro.AlertZone;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.DetectionSettings;
import io.facestream.schemas.avro.ZonePoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
                  transport: udp
                - id: demo
                  url: /videos/demo.mp4
                  loop: true
                  enabled: false
                """);
        assertThat(CameraFile.read(file)).containsExactly(
                new Camera("door", "rtsp://admin:secret@10.0.0.5/stream", 10, 1280, null, 85, false,
                        Duration.ofSeconds(5), RtspTransport.UDP, true, null, null),
                new Camera("demo", "/videos/demo.mp4", 5, null, null, 85, true, Duration.ofSeconds(10),
                        RtspTransport.AUTO, false, null, null));
    }

    @Test
    void alertRulesKeepEveryFieldFromTheFileThroughAvro() throws Exception {
        Path file = write("""
                - id: door
                  url: rtsp://10.0.0.5/stream
                  alerts:
                    minScore: 0.8
                    minFaceSize: 60
                    presentFrames: 2
                    windowFrames: 4
                    goneAfterMillis: 5000
                    cameraDown: false
                    zones:
                      - name: entrance
                        polygon: [{x: 0.25, y: 0.1}, {x: 0.75, y: 0.1}, {x: 0.75, y: 1}, {x: 0.25, y: 1}]
                - id: yard
                  url: rtsp://10.0.0.6/stream
                """);

        List<Camera> cameras = CameraFile.read(file);

        Camera door = cameras.get(0);
        assertThat(door.alerts()).isEqualTo(new AlertRules(0.8f, 60, 2, 4, 5000L, false, false, null, List.of(new AlertZone("entrance",
                List.of(new ZonePoint(0.25f, 0.1f), new ZonePoint(0.75f, 0.1f), new ZonePoint(0.75f, 1f),
                        new ZonePoint(0.25f, 1f))))));
        assertThat(cameras.get(1).alerts()).as("no alerts: the sink's defaults").isNull();
        assertThat(Camera.fromAvro(throughTheTopic(door.toAvro()))).isEqualTo(door);
        assertThat(throughTheTopic(door.toAvro()).getAlerts()).isEqualTo(door.alerts());
    }

    @Test
    void badAlertRuleNamesFileCameraAndField() throws Exception {
        Path file = write("""
                - id: door
                  url: rtsp://10.0.0.5/stream
                  alerts:
                    zones:
                      - name: entrance
                        polygon: [{x: 0.25, y: 0.1}, {x: 0.75, y: 0.1}]
                """);
        assertThatThrownBy(() -> CameraFile.read(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("camera 'door' (entry 1): field alerts.zones[0].polygon:")
                .hasMessageContaining("needs at least 3 points, has 2");
        assertThatThrownBy(() -> CameraFile.read(write("- id: door\n  url: x.mp4\n  alerts: {minScore: 1.5}\n")))
                .hasMessageContaining("field alerts.minScore: alerts.minScore must be 0 to 1, was 1.5");
        assertThatThrownBy(() -> CameraFile.read(write(
                "- id: door\n  url: x.mp4\n  alerts: {presentFrames: 5, windowFrames: 4}\n")))
                .hasMessageContaining("field alerts.presentFrames:").hasMessageContaining("windowFrames (4)");
        assertThatThrownBy(() -> CameraFile.read(write("- id: door\n  url: x.mp4\n  alerts: {windowFrames: 65}\n")))
                .hasMessageContaining("field alerts.windowFrames:").hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> CameraFile.read(write(
                "- id: door\n  url: x.mp4\n  alerts:\n    zones: [{name: a, polygon: [{x: 0, y: 0}, {x: 1, y: -0.5}, {x: 1, y: 1}]}]\n")))
                .hasMessageContaining("field alerts.zones[0].polygon[1].y:").hasMessageContaining("0 to 1");
    }

    @Test
    void detectionSettingsKeepEveryFieldFromTheFileThroughAvro() throws Exception {
        Path file = write("""
                - id: door
                  url: rtsp://10.0.0.5/stream
                  detection:
                    minFaceSize: 60
                    region: [{x: 0.2, y: 0}, {x: 0.8, y: 0}, {x: 0.8, y: 1}, {x: 0.2, y: 1}]
                    fullScanIntervalMillis: 3000
                    motionThreshold: 30
                    tracking: false
                    model: blazeface+onet
                - id: hall
                  url: rtsp://10.0.0.6/stream
                  detection: {minFaceSize: 40}
                - id: yard
                  url: rtsp://10.0.0.7/stream
                """);

        List<Camera> cameras = CameraFile.read(file);

        Camera door = cameras.get(0);
        assertThat(door.detection()).isEqualTo(new DetectionSettings(60, List.of(new ZonePoint(0.2f, 0f),
                new ZonePoint(0.8f, 0f), new ZonePoint(0.8f, 1f), new ZonePoint(0.2f, 1f)), 3000L, 30, false, null,
                "blazeface+onet"));
        assertThat(cameras.get(1).detection()).as("fields left out: the workers' defaults")
                .isEqualTo(new DetectionSettings(40, List.of(), null, null, null, null, null));
        assertThat(cameras.get(2).detection()).as("no detection: the workers' defaults").isNull();
        assertThat(throughTheTopic(door.toAvro()).getDetection()).isEqualTo(door.detection());
        assertThat(Camera.fromAvro(throughTheTopic(door.toAvro()))).isEqualTo(door);
        assertThat(throughTheTopic(cameras.get(2).toAvro()).getDetection()).isNull();
    }

    @Test
    void badDetectionSettingNamesFileCameraAndField() throws Exception {
        Path file = write("""
                - id: door
                  url: rtsp://10.0.0.5/stream
                - id: hall
                  url: rtsp://10.0.0.6/stream
                  detection:
                    region: [{x: 0.2, y: 0}, {x: 0.8, y: 0}, {x: 1.5, y: 1}]
                """);
        assertThatThrownBy(() -> CameraFile.read(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("camera 'hall' (entry 2): field detection.region[2].x:")
                .hasMessageContaining("0 to 1");
        assertThatThrownBy(() -> CameraFile.read(write("- id: door\n  url: x.mp4\n  detection: {minFaceSize: 8}\n")))
                .hasMessageContaining("field detection.minFaceSize: detection.minFaceSize must be 12 to 2000 pixels,"
                        + " was 8");
        assertThatThrownBy(() -> CameraFile.read(write(
                "- id: door\n  url: x.mp4\n  detection: {fullScanIntervalMillis: 50}\n")))
                .hasMessageContaining("field detection.fullScanIntervalMillis:").hasMessageContaining("100 to 60000 ms");
        assertThatThrownBy(() -> CameraFile.read(write("- id: door\n  url: x.mp4\n  detection: {motionThreshold: 256}\n")))
                .hasMessageContaining("field detection.motionThreshold:").hasMessageContaining("1 to 255");
        assertThatThrownBy(() -> CameraFile.read(write("- id: door\n  url: x.mp4\n  detection: {tracking: sometimes}\n")))
                .hasMessageContaining("field detection.tracking:").hasMessageContaining("true or false");
        assertThatThrownBy(() -> CameraFile.read(write(
                "- id: door\n  url: x.mp4\n  detection:\n    region: [{x: 0, y: 0}, {x: 1, y: 1}]\n")))
                .hasMessageContaining("field detection.region:").hasMessageContaining("needs at least 3 points, has 2");
        assertThatThrownBy(() -> CameraFile.read(write("- id: door\n  url: x.mp4\n  detection: {minFace: 60}\n")))
                .hasMessageContaining("field detection.minFace:").hasMessageContaining("unknown");
        assertThatThrownBy(() -> CameraFile.read(write("- id: door\n  url: x.mp4\n  detection: 60\n")))
                .hasMessageContaining("field detection:").hasMessageContaining("a mapping of minFaceSize");
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
        assertThatThrownBy(() -> CameraFile.read(write("- id: door\n  url: rtsp://cam/1\n  transport: http\n")))
                .hasMessageContaining("camera 'door' (entry 1): field transport: transport must be one of auto, tcp,"
                        + " udp, not 'http'");
        assertThatThrownBy(() -> CameraFile.read(write("- id: '...'\n  url: x.mp4\n")))
                .hasMessageContaining("field id: id must be 1 to 128 letters, digits, '.', '_' or '-', starting with a "
                        + "letter or digit");
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

    private static CameraConfig throughTheTopic(CameraConfig config) {
        try (AvroSerde<CameraConfig> serde = new AvroSerde<>(CameraConfig.class)) {
            return serde.deserializer().deserialize(Topics.CAMERAS, serde.serializer().serialize(Topics.CAMERAS, config));
        }
    }
}
