package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.facestream.samples.Golden;
import io.facestream.samples.SamplePhoto;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code identify} on a real photo: two of its three people enrolled from cut-outs of it, the photo itself searched
 * smaller and brighter. The enrolled two are named, the third is unknown with a low similarity.
 */
class IdentifyCommandTest {

    @TempDir
    Path tmp;

    @Test
    void enrolledPeopleAreNamedAndTheOthersUnknownWithBadFilesNamedOnStderr() throws IOException {
        BufferedImage photo = ImageIO.read(SamplePhoto.SAMPLE1.path().toFile());
        List<Golden.Face> faces = SamplePhoto.SAMPLE1.golden().orElseThrow().facesScoringAtLeast(0.95f);
        assertThat(faces).hasSize(3);
        Path people = Files.createDirectories(tmp.resolve("people"));
        write(around(photo, faces.get(0).box()), Files.createDirectories(people.resolve("ada")).resolve("1.png"));
        write(around(photo, faces.get(1).box()), Files.createDirectories(people.resolve("grace")).resolve("1.png"));
        Files.copy(SamplePhoto.COFFEE.path(), people.resolve("grace").resolve("coffee.png"));
        Path query = write(smallerAndBrighter(photo), tmp.resolve("query.png"));
        Path broken = Files.writeString(tmp.resolve("broken.jpg"), "not a picture");

        DetectCommandTest.Run run = DetectCommandTest.run("identify", "--json", "--people", people.toString(),
                query.toString(), broken.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().filter(line -> line.startsWith("face-stream identify:")))
                .anySatisfy(line -> assertThat(line).contains("coffee.png").contains("no face"))
                .anySatisfy(line -> assertThat(line).contains(broken.toString()))
                .hasSize(2);
        JsonNode image = run.jsonLines().get(0);
        assertThat(image.get("image").asText()).isEqualTo(query.toString());
        assertThat(image.get("faces")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode face = faceNear(image.get("faces"), faces.get(i).box(), 0.7f);
            if (i < 2) {
                assertThat(face.get("person").asText()).isEqualTo(i == 0 ? "ada" : "grace");
                assertThat(face.get("similarity").asDouble()).isGreaterThan(0.75);
            } else {
                assertThat(face.get("person").isNull()).as("the third person is unknown").isTrue();
                assertThat(face.get("similarity").asDouble()).isLessThan(0.45);
            }
        }
    }

    @Test
    void aMissingPeopleFolderIsABadOptionNamingIt() {
        DetectCommandTest.Run run = DetectCommandTest.run("identify", "--people", tmp.resolve("nobody").toString(),
                SamplePhoto.COFFEE.path().toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--people").contains("nobody");
    }

    /** The face of {@code faces} whose box, scaled by {@code scale}, holds the centre of {@code box}. */
    private static JsonNode faceNear(JsonNode faces, float[] box, float scale) {
        float x = (box[0] + box[2]) / 2 * scale;
        float y = (box[1] + box[3]) / 2 * scale;
        for (JsonNode face : faces) {
            JsonNode b = face.get("box");
            if (x >= b.get(0).asDouble() && x <= b.get(2).asDouble() && y >= b.get(1).asDouble()
                    && y <= b.get(3).asDouble()) {
                return face;
            }
        }
        throw new AssertionError("no face found at " + x + "," + y + " in " + faces);
    }

    /** The face's box grown by its own size on every side, clipped to the photo: one face and its surroundings. */
    private static BufferedImage around(BufferedImage photo, float[] box) {
        float width = box[2] - box[0];
        float height = box[3] - box[1];
        int x1 = Math.max(0, (int) (box[0] - width));
        int y1 = Math.max(0, (int) (box[1] - height));
        int x2 = Math.min(photo.getWidth(), (int) (box[2] + width));
        int y2 = Math.min(photo.getHeight(), (int) (box[3] + height));
        return photo.getSubimage(x1, y1, x2 - x1, y2 - y1);
    }

    private static BufferedImage smallerAndBrighter(BufferedImage photo) {
        int width = (int) (photo.getWidth() * 0.7f);
        int height = (int) (photo.getHeight() * 0.7f);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = out.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.drawImage(photo, 0, 0, width, height, null);
        graphics.dispose();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = out.getRGB(x, y);
                int r = Math.min(255, ((rgb >> 16) & 0xff) + 20);
                int g = Math.min(255, ((rgb >> 8) & 0xff) + 20);
                int b = Math.min(255, (rgb & 0xff) + 20);
                out.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return out;
    }

    private static Path write(BufferedImage image, Path file) throws IOException {
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
