package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.facestream.samples.DoorClip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code detect --video} on a door clip encoded by FFmpeg: one JSON line per frame, tracks, scans, errors. */
class DetectVideoCommandTest {
    private static final Set<String> SCANS = Set.of("full", "regions", "tracked", "none");

    @TempDir
    static Path dir;
    private static Path door;

    @BeforeAll
    static void writeClip() throws IOException {
        door = DoorClipVideo.write(dir, DoorClip.DOOR, 320, 240, 5);
    }

    static DetectCommandTest.Run detect(String... args) {
        return DetectCommandTest.run(Stream.concat(Stream.of("detect", "--provider", "cpu"), Stream.of(args))
                .toArray(String[]::new));
    }

    @Test
    void jsonHasOneObjectPerFrameWithScanAndTrackedFaces() throws IOException {
        DetectCommandTest.Run run = detect("--video", door.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> frames = run.jsonLines();
        assertThat(frames).hasSize(DoorClip.DOOR.frameCount(5));
        Set<String> tracks = new HashSet<>();
        for (int i = 0; i < frames.size(); i++) {
            JsonNode frame = frames.get(i);
            assertThat(frame.get("frame").asInt()).isEqualTo(i);
            assertThat(frame.get("timeMs").asLong()).isEqualTo(200L * i);
            assertThat(frame.get("width").asInt()).isEqualTo(320);
            assertThat(frame.get("height").asInt()).isEqualTo(240);
            assertThat(frame.get("scan").asText()).isIn(SCANS);
            for (JsonNode face : frame.get("faces")) {
                tracks.add(face.get("track").asText());
                assertThat(face.get("box")).hasSize(4);
                assertThat(face.get("score").asDouble()).isBetween(0.7, 1.0);
                assertThat(face.get("landmarks")).hasSize(5);
                assertThat(face.get("landmarks").get(0)).hasSize(2);
            }
        }
        assertThat(frames.get(0).get("scan").asText()).isEqualTo("full");
        // Nobody for the first second and a half: nothing to scan.
        assertThat(frames.get(3).get("scan").asText()).isEqualTo("none");
        assertThat(frames.stream().filter(f -> f.get("scan").asText().equals("tracked"))).isNotEmpty();
        // Two people, each followed from entering to leaving.
        assertThat(tracks).hasSizeBetween(2, 4);
    }

    @Test
    void blazeFaceWithOnetFindsThePeopleInTheFramesWhereTheCascadeFindsThem() throws IOException {
        List<JsonNode> cascade = detect("--video", door.toString(), "--json", "--tracking", "off").jsonLines();
        DetectCommandTest.Run run = detect("--video", door.toString(), "--json", "--tracking", "off",
                "--model", "blazeface+onet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> hybrid = run.jsonLines();

        assertThat(hybrid).hasSameSizeAs(cascade);
        int withFaces = 0;
        int bothFound = 0;
        for (int i = 0; i < cascade.size(); i++) {
            if (!cascade.get(i).get("faces").isEmpty()) {
                withFaces++;
                bothFound += hybrid.get(i).get("faces").isEmpty() ? 0 : 1;
            }
            assertThat(hybrid.get(i).get("faces")).allSatisfy(face -> assertThat(face.get("landmarks")).hasSize(5));
        }
        assertThat(withFaces).isGreaterThan(5);
        assertThat(bothFound).as("of %d frames with a face", withFaces).isGreaterThanOrEqualTo(withFaces * 9 / 10);
    }

    @Test
    void blazeFaceAloneFollowsThePeopleWithItsSixKeypointsWhereTheCascadeFindsThem() throws IOException {
        List<JsonNode> cascade = detect("--video", door.toString(), "--json", "--tracking", "off").jsonLines();
        DetectCommandTest.Run run = detect("--video", door.toString(), "--json", "--model", "blazeface");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> alone = run.jsonLines();

        assertThat(alone).hasSameSizeAs(cascade);
        Set<String> tracks = new HashSet<>();
        int withFaces = 0;
        int bothFound = 0;
        for (int i = 0; i < cascade.size(); i++) {
            if (!cascade.get(i).get("faces").isEmpty()) {
                withFaces++;
                bothFound += alone.get(i).get("faces").isEmpty() ? 0 : 1;
            }
            for (JsonNode face : alone.get(i).get("faces")) {
                tracks.add(face.get("track").asText());
                assertThat(face.get("landmarks")).hasSize(6);
            }
        }
        assertThat(alone.stream().filter(f -> f.get("scan").asText().equals("tracked"))).isNotEmpty();
        assertThat(tracks).hasSizeBetween(2, 4);
        assertThat(withFaces).isGreaterThan(5);
        assertThat(bothFound).as("of %d frames with a face", withFaces).isGreaterThanOrEqualTo(withFaces * 9 / 10);
    }

    @Test
    void trackingOffScansEveryFrameWholeAndFpsSamples() throws IOException {
        DetectCommandTest.Run run = detect("--video", door.toString(), "--json", "--tracking", "off", "--fps", "2.5");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> frames = run.jsonLines();
        assertThat(frames).hasSize(DoorClip.DOOR.frameCount(2.5));
        assertThat(frames).allSatisfy(frame -> assertThat(frame.get("scan").asText()).isEqualTo("full"));
        assertThat(frames.get(1).get("timeMs").asLong()).isEqualTo(400);
    }

    @Test
    void annotateWritesEveryFrame() throws IOException {
        Path out = dir.resolve("annotated");
        DetectCommandTest.Run run = detect("--video", door.toString(), "--fps", "1", "--annotate", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(DoorClip.DOOR.frameCount(1)).first().asString().startsWith("frame 0");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .hasSize(DoorClip.DOOR.frameCount(1)).contains("frame-000000.png");
        }
    }

    @Test
    void aMissingOrUndecodableFileIsNamedInOneLine() throws IOException {
        Path missing = dir.resolve("missing.mp4");
        Path notAVideo = Files.writeString(dir.resolve("notes.mp4"), "not a video");
        for (Path file : List.of(missing, notAVideo)) {
            DetectCommandTest.Run run = detect("--video", file.toString(), "--json");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().lines().toList()).singleElement().asString()
                    .startsWith("face-stream detect: " + file);
        }
    }

    @Test
    void badRatesAreUsageErrorsNamingTheOption() {
        DetectCommandTest.Run run = detect("--video", door.toString(), "--fps", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--fps must be above 0");
        run = detect("--video", door.toString(), "--full-scan-interval", "-1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--full-scan-interval must be above 0");
    }

    @Test
    void imagesAndVideoTogetherAreRefused() {
        DetectCommandTest.Run run = detect("--video", door.toString(), door.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("IMAGE files or --video FILE");
    }
}
