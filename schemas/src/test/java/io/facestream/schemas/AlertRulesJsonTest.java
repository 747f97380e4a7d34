package io.facestream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.schemas.avro.AlertRules;
import io.facestream.schemas.avro.AlertZone;
import io.facestream.schemas.avro.ZonePoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRulesJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOOR = "{\"name\": \"door\", \"polygon\": [{\"x\": 0.25, \"y\": 0.0}, {\"x\": 0.75, \"y\": 0.0},"
            + " {\"x\": 0.5, \"y\": 1}]}";

    @Test
    void readsEveryFieldAndWritesThemBack() throws Exception {
        AlertRules rules = AlertRulesJson.read(json("{\"minScore\": 0.75, \"minFaceSize\": 60, \"presentFrames\": 2,"
                + " \"windowFrames\": 4, \"goneAfterMillis\": 5000, \"cameraDown\": false, \"perPerson\": true, \"notify\": \"unknown\", \"zones\": [" + DOOR + "]}"));

        assertThat(rules).isEqualTo(new AlertRules(0.75f, 60, 2, 4, 5000L, false, true, "unknown", List.of(new AlertZone("door",
                List.of(new ZonePoint(0.25f, 0f), new ZonePoint(0.75f, 0f), new ZonePoint(0.5f, 1f))))));
        assertThat(AlertRulesJson.read(AlertRulesJson.write(rules))).isEqualTo(rules);
    }

    @Test
    void fieldsLeftOutAreNullSoTheSinkDefaultsApply() throws Exception {
        AlertRules rules = AlertRulesJson.read(json("{\"presentFrames\": 1}"));

        assertThat(rules).isEqualTo(new AlertRules(null, null, 1, null, null, true, false, null, List.of()));
        JsonNode written = AlertRulesJson.write(rules);
        assertThat(written.get("minScore").isNull()).isTrue();
        assertThat(written.get("zones")).isEmpty();
        assertThat(AlertRulesJson.read(json("null"))).isNull();
        assertThat(AlertRulesJson.read(null)).isNull();
        assertThat(AlertRulesJson.write(null)).isNull();
    }

    @Test
    void valuesOutOfRangeNameTheirField() {
        assertInvalid("{\"minScore\": 1.5}", "alerts.minScore", "0 to 1");
        assertInvalid("{\"minScore\": \"high\"}", "alerts.minScore", "must be a number");
        assertInvalid("{\"minFaceSize\": -1}", "alerts.minFaceSize", "must be 0 to");
        assertInvalid("{\"windowFrames\": 65}", "alerts.windowFrames", "1 to 64");
        assertInvalid("{\"presentFrames\": 5, \"windowFrames\": 4}", "alerts.presentFrames", "windowFrames (4)");
        assertInvalid("{\"presentFrames\": 2.5}", "alerts.presentFrames", "whole number");
        assertInvalid("{\"goneAfterMillis\": 0}", "alerts.goneAfterMillis", "positive");
        assertInvalid("{\"cameraDown\": \"yes\"}", "alerts.cameraDown", "true or false");
        assertInvalid("{\"perPerson\": 1}", "alerts.perPerson", "true or false");
        assertInvalid("{\"notify\": \"strangers\"}", "alerts.notify", "one of everyone, unknown, known");
        assertInvalid("{\"minscore\": 0.5}", "alerts.minscore", "unknown");
        assertInvalid("[1, 2]", "alerts", "a mapping");
    }

    @Test
    void badZonesNameTheZoneAndPoint() {
        assertInvalid("{\"zones\": [{\"name\": \"door\", \"polygon\": [{\"x\": 0, \"y\": 0}, {\"x\": 1, \"y\": 0}]}]}",
                "alerts.zones[0].polygon", "needs at least 3 points, has 2");
        assertInvalid("{\"zones\": [" + DOOR + ", {\"name\": \"hall\", \"polygon\": [{\"x\": 0, \"y\": 0},"
                + " {\"x\": 1.2, \"y\": 0}, {\"x\": 0, \"y\": 1}]}]}", "alerts.zones[1].polygon[1].x", "0 to 1");
        assertInvalid("{\"zones\": [" + DOOR + ", " + DOOR + "]}", "alerts.zones[1].name", "earlier zone");
        assertInvalid("{\"zones\": [{\"polygon\": []}]}", "alerts.zones[0].name", "non-empty");
        assertInvalid("{\"zones\": [{\"name\": \"door\", \"polygon\": [[0, 0], [1, 0], [1, 1]]}]}",
                "alerts.zones[0].polygon[0]", "{x, y}");
        assertInvalid("{\"zones\": {\"door\": []}}", "alerts.zones", "a list");
    }

    @Test
    void aPolygonWithoutAreaIsRefused() {
        assertInvalid("{\"zones\": [{\"name\": \"door\", \"polygon\": [{\"x\": 0.5, \"y\": 0.5}, {\"x\": 0.5, \"y\": 0.5},"
                + " {\"x\": 0.5, \"y\": 0.5}]}]}", "alerts.zones[0].polygon", "encloses no area");
        assertInvalid("{\"zones\": [{\"name\": \"door\", \"polygon\": [{\"x\": 0.1, \"y\": 0.1}, {\"x\": 0.2, \"y\": 0.2},"
                + " {\"x\": 0.3, \"y\": 0.3}, {\"x\": 0.1, \"y\": 0.1}]}]}", "alerts.zones[0].polygon", "encloses no area");
        // A figure eight has no signed area, but two triangles of faces.
        assertThat(AlertRulesJson.enclosesArea(new double[] {0, 1, 1, 0}, new double[] {0, 1, 0, 1})).isTrue();
    }

    private static void assertInvalid(String rules, String field, String problem) {
        assertThatThrownBy(() -> AlertRulesJson.read(json(rules)))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageStartingWith(field + " ")
                .hasMessageContaining(problem);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
