package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.schemas.RtspTransport;
import io.facestream.schemas.avro.AlertRules;
import io.facestream.schemas.avro.DetectionSettings;
import io.facestream.schemas.avro.ZonePoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CameraTest {
    private static final Camera DOOR = Camera.of("door", "rtsp://10.0.0.5/stream");
    private static final AlertRules ONE_FRAME = new AlertRules(null, null, 1, null, null, true, false, null, List.of());
    private static final DetectionSettings LARGE_FACES_IN_THE_MIDDLE = new DetectionSettings(60, List.of(
            new ZonePoint(0.2f, 0f), new ZonePoint(0.8f, 0f), new ZonePoint(0.8f, 1f)), null, null, false, null, null);

    @Test
    void aChangeOfAlertRulesAloneKeepsTheStream() {
        Camera withRules = DOOR.withAlerts(ONE_FRAME);

        assertThat(withRules).isNotEqualTo(DOOR);
        assertThat(withRules.sameStreamAs(DOOR)).isTrue();
        assertThat(withRules.withFps(2).sameStreamAs(DOOR)).isFalse();
    }

    @Test
    void alertRulesGoToAvroAndComeBack() {
        Camera withRules = DOOR.withAlerts(ONE_FRAME).withFps(2);

        assertThat(withRules.toAvro().getAlerts()).isEqualTo(ONE_FRAME);
        assertThat(Camera.fromAvro(withRules.toAvro())).isEqualTo(withRules);
        assertThat(DOOR.toAvro().getAlerts()).isNull();
    }

    @Test
    void aChangeOfDetectionSettingsAloneKeepsTheStream() {
        Camera withSettings = DOOR.withAlerts(ONE_FRAME).withDetection(LARGE_FACES_IN_THE_MIDDLE);

        assertThat(withSettings).isNotEqualTo(DOOR.withAlerts(ONE_FRAME));
        assertThat(withSettings.sameStreamAs(DOOR)).isTrue();
        assertThat(withSettings.withMaxSize(640, null).sameStreamAs(DOOR)).isFalse();
    }

    @Test
    void detectionSettingsGoToAvroAndComeBack() {
        Camera withSettings = DOOR.withDetection(LARGE_FACES_IN_THE_MIDDLE).withFps(2).withLoop(true)
                .withMaxSize(640, 480).withStallTimeout(Duration.ofSeconds(3)).withTransport(RtspTransport.TCP)
                .withEnabled(false).withAlerts(ONE_FRAME);

        assertThat(withSettings.detection()).as("kept by the other withers").isEqualTo(LARGE_FACES_IN_THE_MIDDLE);
        assertThat(withSettings.toAvro().getDetection()).isEqualTo(LARGE_FACES_IN_THE_MIDDLE);
        assertThat(Camera.fromAvro(withSettings.toAvro())).isEqualTo(withSettings);
        assertThat(DOOR.toAvro().getDetection()).isNull();
    }
}
