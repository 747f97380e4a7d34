package io.facestream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.schemas.avro.DetectionSettings;
import io.facestream.schemas.avro.ZonePoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionSettingsJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsEveryFieldAndWritesThemBack() throws Exception {
        DetectionSettings settings = DetectionSettingsJson.read(JSON.readTree("{\"minFaceSize\": 60, \"region\":"
                + " [{\"x\": 0.2, \"y\": 0}, {\"x\": 0.8, \"y\": 0}, {\"x\": 0.8, \"y\": 1}], \"fullScanIntervalMillis\": 3000,"
                + " \"motionThreshold\": 30, \"tracking\": false, \"embeddings\": false, \"model\": \"blazeface+onet\"}"));

        assertThat(settings).isEqualTo(new DetectionSettings(60, List.of(new ZonePoint(0.2f, 0f), new ZonePoint(0.8f, 0f),
                new ZonePoint(0.8f, 1f)), 3000L, 30, false, false, "blazeface+onet"));
        assertThat(DetectionSettingsJson.read(DetectionSettingsJson.write(settings))).isEqualTo(settings);
    }

    @Test
    void fieldsLeftOutTakeTheWorkersDefaults() throws Exception {
        DetectionSettings settings = DetectionSettingsJson.read(JSON.readTree("{\"minFaceSize\": 40}"));

        assertThat(settings).isEqualTo(new DetectionSettings(40, List.of(), null, null, null, null, null));
        JsonNode written = DetectionSettingsJson.write(settings);
        assertThat(written.get("tracking").isNull()).isTrue();
        assertThat(written.get("model").isNull()).isTrue();
        assertThat(written.get("region")).isEmpty();
        assertThat(DetectionSettingsJson.read(JSON.readTree("null"))).isNull();
        assertThat(DetectionSettingsJson.write(null)).isNull();
    }

    @Test
    void valuesOutOfRangeNameTheirField() {
        assertInvalid("{\"minFaceSize\": 8}", "detection.minFaceSize", "must be 12 to 2000 pixels");
        assertInvalid("{\"minFaceSize\": \"big\"}", "detection.minFaceSize", "whole number");
        assertInvalid("{\"fullScanIntervalMillis\": 50}", "detection.fullScanIntervalMillis", "100 to 60000 ms");
        assertInvalid("{\"motionThreshold\": 0}", "detection.motionThreshold", "1 to 255");
        assertInvalid("{\"tracking\": \"on\"}", "detection.tracking", "true or false");
        assertInvalid("{\"embeddings\": \"no\"}", "detection.embeddings", "true or false");
        assertInvalid("{\"model\": \"retinaface\"}", "detection.model",
                "must be one of mtcnn, blazeface, blazeface+onet");
        assertInvalid("{\"model\": 3}", "detection.model", "must be one of");
        assertInvalid("{\"region\": [{\"x\": 0, \"y\": 0}, {\"x\": 1, \"y\": 0}]}", "detection.region", "at least 3");
        assertInvalid("{\"region\": [{\"x\": 0, \"y\": 0}, {\"x\": 1, \"y\": 0}, {\"x\": 1, \"y\": 1.5}]}",
                "detection.region[2].y", "0 to 1");
        assertInvalid("{\"motion\": 3}", "detection.motion", "unknown");
    }

    private static void assertInvalid(String settings, String field, String problem) {
        assertThatThrownBy(() -> DetectionSettingsJson.read(JSON.readTree(settings)))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageStartingWith(field + " ")
                .hasMessageContaining(problem);
    }
}
