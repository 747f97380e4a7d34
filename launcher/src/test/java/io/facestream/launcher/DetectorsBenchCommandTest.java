package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * {@code bench detectors} on the golden photos and the talking-head video (one frame a second), timed briefly at
 * one small size: what each detector finds holds the bar; no timing is checked, only that there is one.
 */
class DetectorsBenchCommandTest {

    @Test
    void everyDetectorFindsTheReferenceFacesAndTheFivePointOnesPlaceTheirLandmarks() throws IOException {
        DetectCommandTest.Run run = DetectCommandTest.run("bench", "detectors", "--sizes", "320x240",
                "--min-faces", "40", "--seconds", "0.2", "--video-fps", "1", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertThat(result.get("accuracy")).hasSize(6).allSatisfy(row -> {
            String what = row.get("detector").asText() + " on the " + row.get("source").asText();
            assertThat(row.get("reference").asInt()).as(what).isGreaterThanOrEqualTo(10);
            assertThat(row.get("found").asDouble() / row.get("reference").asInt()).as(what).isGreaterThanOrEqualTo(0.95);
            assertThat(row.get("extra").asInt()).as(what).isLessThanOrEqualTo(1);
            if (!row.get("detector").asText().equals("blazeface")) {
                assertThat(row.get("landmarkErrorPercent").asDouble()).as(what).isLessThanOrEqualTo(3);
            }
        });
        assertThat(result.get("timing")).extracting(row -> row.get("detector").asText())
                .containsExactly("mtcnn", "blazeface", "blazeface+onet");
        assertThat(result.get("timing")).allSatisfy(row -> assertThat(row.get("medianMs").asDouble()).isPositive());
    }
}
