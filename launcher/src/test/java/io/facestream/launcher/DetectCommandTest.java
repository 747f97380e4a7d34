package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.samples.ForgedJpeg;
import io.facestream.samples.SamplePhoto;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DetectCommandTest {

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err) {
        List<JsonNode> jsonLines() throws IOException {
            ObjectMapper mapper = new ObjectMapper();
            List<JsonNode> nodes = new java.util.ArrayList<>();
            for (String line : out.strip().split("\n")) {
                nodes.add(mapper.readTree(line));
            }
            return nodes;
        }
    }

    static Run run(String... args) {
        CommandLine cli = FaceStream.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void jsonHasOneObjectPerImageWithBoxScoreAndFiveLandmarks() throws IOException {
        Path photo = SamplePhoto.SAMPLE1.path();
        Run run = run("detect", "--json", "--provider", "cpu", photo.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode image = run.jsonLines().get(0);
        assertThat(image.get("image").asText()).isEqualTo(photo.toString());
        assertThat(image.get("width").asInt()).isEqualTo(1920);
        assertThat(image.get("height").asInt()).isEqualTo(1280);
        assertThat(image.get("provider").asText()).isEqualTo("cpu");
        assertThat(image.get("faces")).hasSize(3);
        for (JsonNode face : image.get("faces")) {
            assertThat(face.get("box")).hasSize(4);
            assertThat(face.get("score").asDouble()).isBetween(0.7, 1.0);
            assertThat(face.get("landmarks")).hasSize(5);
            assertThat(face.get("landmarks").get(0)).hasSize(2);
        }
    }

    @Test
    void badFilesAreNamedOnStderrAndTheOthersStillProcessed() throws IOException {
        Path missing = tmp.resolve("missing.jpg");
        Path notAnImage = Files.writeString(tmp.resolve("notes.jpg"), "not a picture");
        Path coffee = SamplePhoto.COFFEE.path();
        Run run = run("detect", "--json", missing.toString(), notAnImage.toString(), coffee.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(missing.toString()).contains(notAnImage.toString());
        assertThat(run.err().lines().filter(l -> l.startsWith("face-stream detect:")).count()).isEqualTo(2);
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("image").asText()).isEqualTo(coffee.toString());
        assertThat(lines.get(0).get("faces")).isEmpty();
    }

    /** Images are decoded ahead and detected two at a time (one per thread): each still gets its own faces, in order. */
    @Test
    void imagesDetectedSideBySideAreReportedInTheOrderGivenEachWithItsOwnFaces() throws IOException {
        Path broken = Files.writeString(tmp.resolve("broken.png"), "not a picture");
        List<SamplePhoto> photos = List.of(SamplePhoto.SAMPLE1, SamplePhoto.COFFEE, SamplePhoto.ASTRONAUT,
                SamplePhoto.SAMPLE1, SamplePhoto.COFFEE);
        List<String> args = new java.util.ArrayList<>(List.of("detect", "--json", "--provider", "cpu",
                "--threads", "2"));
        photos.subList(0, 3).forEach(photo -> args.add(photo.path().toString()));
        args.add(broken.toString());
        photos.subList(3, 5).forEach(photo -> args.add(photo.path().toString()));

        Run run = run(args.toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(broken.toString());
        List<JsonNode> lines = run.jsonLines();
        assertThat(lines).extracting(line -> line.get("image").asText())
                .containsExactlyElementsOf(photos.stream().map(photo -> photo.path().toString()).toList());
        assertThat(lines).extracting(line -> line.get("faces").size()).containsExactly(3, 0, 1, 3, 0);
    }

    @Test
    void imageDeclaringAHugeSizeIsOneLineNamingItAndTheOthersStillProcessed() throws IOException {
        Path bomb = Files.write(tmp.resolve("bomb.jpg"), ForgedJpeg.declaring(20_000, 20_000));
        Path coffee = SamplePhoto.COFFEE.path();
        Run run = run("detect", "--json", "--provider", "cpu", bomb.toString(), coffee.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).containsExactly("face-stream detect: " + bomb
                + ": declares 20000 x 20000 pixels, more than the 50000000 allowed (--max-pixels)");
        assertThat(run.jsonLines()).singleElement().satisfies(
                image -> assertThat(image.get("image").asText()).isEqualTo(coffee.toString()));
    }

    @Test
    void tableListsEachFaceWithItsLandmarks() {
        Run run = run("detect", SamplePhoto.ASTRONAUT.path().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("512x512  1 face").contains("left eye").contains("mouth right");
    }

    @Test
    void annotateWritesAPngWithTheFacesDrawn() throws IOException {
        Path dir = tmp.resolve("annotated");
        Run run = run("detect", "--annotate", dir.toString(), SamplePhoto.ASTRONAUT.path().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        BufferedImage png = ImageIO.read(dir.resolve("astronaut.png").toFile());
        assertThat(png.getWidth()).isEqualTo(512);
        BufferedImage original = ImageIO.read(SamplePhoto.ASTRONAUT.path().toFile());
        int changed = 0;
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                changed += png.getRGB(x, y) != original.getRGB(x, y) ? 1 : 0;
            }
        }
        assertThat(changed).as("pixels drawn over").isGreaterThan(500);
    }

    @Test
    void wrongNumberOfThresholdsIsABadOptionNamingIt() {
        Run run = run("detect", "--thresholds", "0.6,0.7", SamplePhoto.COFFEE.path().toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--thresholds takes 3");
    }

    @Test
    void outOfRangeSettingIsABadOptionNamingTheSetting() {
        Run run = run("detect", "--min-face-size", "0", SamplePhoto.COFFEE.path().toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("minFaceSize must be at least 1");
    }

    @Test
    void blazeFaceAloneReportsSixKeypointsAndTheHybridMtcnnsFiveEachNamingItsModel() throws IOException {
        Path photo = SamplePhoto.SAMPLE1.path();
        JsonNode alone = run("detect", "--json", "--model", "blazeface", photo.toString()).jsonLines().get(0);
        JsonNode hybrid = run("detect", "--json", "--model", "BlazeFace+ONet", photo.toString()).jsonLines().get(0);

        assertThat(alone.get("model").asText()).isEqualTo("blazeface");
        assertThat(alone.get("faces")).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(face -> assertThat(face.get("landmarks")).hasSize(6));
        assertThat(hybrid.get("model").asText()).isEqualTo("blazeface+onet");
        assertThat(hybrid.get("faces")).hasSize(3).allSatisfy(face -> {
            assertThat(face.get("landmarks")).hasSize(5);
            assertThat(face.get("score").asDouble()).isBetween(0.7, 1.0);
        });
        Run table = run("detect", "--model", "blazeface", SamplePhoto.ASTRONAUT.path().toString());
        assertThat(table.out()).contains("(blazeface, cpu)").contains("nose tip").contains("left ear tragion");
    }

    @Test
    void anUnknownModelIsABadOptionNamingTheChoices() {
        Run unknown = run("detect", "--model", "yolo", SamplePhoto.COFFEE.path().toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--model: unknown detector model 'yolo'; choose one of mtcnn, blazeface, "
                + "blazeface+onet");
    }
}
