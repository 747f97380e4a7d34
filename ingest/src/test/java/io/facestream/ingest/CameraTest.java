package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.schemas.avro.AlertRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class CameraTest {
    private static final Camera DOOR = Camera.of("door", "rtsp://10.0.0.5/stream");
    private static final AlertRules ONE_FRAME = new AlertRules(null, null, 1, null, null, true, false, List.of());

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
}
