package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.samples.DoorClip;
import io.facestream.samples.SampleVideo;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench video} on a short door clip: the figures are there and add up (no timing is checked). */
class VideoBenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void reportsSpeedScansAndAgreementOfAShortClip() throws IOException {
        Path door = DoorClipVideo.write(dir, DoorClip.DOOR, 320, 240, 5);
        DetectCommandTest.Run run = DetectCommandTest.run("bench", "video", "--provider", "cpu", "--fps", "2",
                "--warmup-runs", "0", "--runs", "2", "--json", door.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(run.out()).get(0);
        int frames = DoorClip.DOOR.frameCount(2);
        assertThat(result.get("frames").asInt()).isEqualTo(frames);
        JsonNode scans = result.get("scans");
        assertThat(scans.get("FULL").asInt() + scans.get("REGIONS").asInt() + scans.get("TRACKED").asInt()
                + scans.get("NONE").asInt()).isEqualTo(frames);
        assertThat(result.get("perFrameFps").asDouble()).isPositive();
        assertThat(result.get("trackingFps").asDouble()).isPositive();
        assertThat(result.get("confident").asInt()).isPositive();
        assertThat(result.get("recall").asDouble()).isBetween(0.9, 1.0);
        assertThat(result.get("perFrameTracks").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void trackingAgreesWithPerFrameDetectionOnRealVideos() throws IOException {
        DetectCommandTest.Run run = DetectCommandTest.run("bench", "video", "--provider", "cpu", "--fps", "5",
                "--warmup-runs", "0", "--runs", "1", "--json", SampleVideo.TALKING.path().toString(),
                SampleVideo.LEANING_IN.path().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode results = new ObjectMapper().readTree(run.out());
        assertThat(results).hasSize(2).allSatisfy(result -> {
            String video = result.get("video").asText();
            assertThat(result.get("confident").asInt()).as("confident faces in %s", video)
                    .isGreaterThan(result.get("frames").asInt() / 2);
            assertThat(result.get("recall").asDouble()).as("recall in %s", video).isGreaterThanOrEqualTo(0.98);
            assertThat(result.get("extraShare").asDouble()).as("extra faces in %s", video).isLessThanOrEqualTo(0.01);
            assertThat(result.get("landmarkErrorPercent").asDouble()).as("landmarks in %s", video)
                    .isLessThanOrEqualTo(3);
            assertThat(result.get("scans").get("FULL").asInt()).as("full scans in %s", video)
                    .isLessThan(result.get("frames").asInt() / 3);
        });
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("missing.mp4");
        DetectCommandTest.Run run = DetectCommandTest.run("bench", "video", "--provider", "cpu", missing.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().toList()).singleElement().asString().contains(missing.toString());
    }
}
