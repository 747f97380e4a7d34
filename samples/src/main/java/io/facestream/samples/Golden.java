package io.facestream.samples;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * A reference MTCNN's output on one photo (see golden/README.md): what a faithful implementation
 * must find there.
 */
public record Golden(String image, int width, int height, List<Face> faces) {
    private static final String DIR = "/io/facestream/samples/golden/";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A reference face: box {@code [x1, y1, x2, y2]}, score, five {@code [x, y]} landmarks. */
    public record Face(float[] box, float score, float[][] landmarks) {
    }

    /** The reference faces scoring at least {@code minScore}. */
    public List<Face> facesScoringAtLeast(float minScore) {
        return faces.stream().filter(f -> f.score() >= minScore).toList();
    }

    static Optional<Golden> forPhoto(String photoFileName) {
        String json = photoFileName.replaceFirst("\\.[a-z]+$", ".json");
        try (InputStream in = Golden.class.getResourceAsStream(DIR + json)) {
            return in == null ? Optional.empty() : Optional.of(JSON.readValue(in, Golden.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden figures " + json, e);
        }
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = Golden.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IOException("no test resource " + DIR + name);
            }
            return in.readAllBytes();
        }
    }
}
