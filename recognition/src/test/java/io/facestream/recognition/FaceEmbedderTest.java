package io.facestream.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.Face;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.RgbImage;
import io.facestream.samples.SamplePhoto;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Detected, aligned and embedded faces of real photos: each face, found again in a changed copy of its photo (smaller,
 * turned, brighter, coarsely compressed), is most like itself among the photo's people, and clearly so.
 */
class FaceEmbedderTest {
    /**
     * Measured: the same face in a changed copy at least 0.962 (SAMPLE1) and 0.907 (MULTIFACE), different people at
     * most 0.182 and 0.405. The bounds leave a margin on both sides.
     */
    private static final float SAME_FACE_AT_LEAST = 0.75f;
    private static final float OTHERS_AT_MOST = 0.5f;

    private static FaceDetector detector;
    private static FaceEmbedder embedder;

    /** A copy of the photo, and where a point of the copy was in the photo. */
    private record Change(String name, UnaryOperator<BufferedImage> apply, AffineTransform toCopy) {
    }

    @BeforeAll
    static void load() {
        detector = FaceDetector.create(DetectorOptions.builder().threads(2).build());
        embedder = FaceEmbedder.create(2);
    }

    @AfterAll
    static void close() {
        detector.close();
        embedder.close();
    }

    @ParameterizedTest
    @EnumSource(value = SamplePhoto.class, names = {"SAMPLE1", "MULTIFACE"})
    void eachFaceInAChangedCopyIsMostLikeItself(SamplePhoto photo, TestReporter reporter) throws IOException {
        BufferedImage original = RgbImage.read(photo.path()).toBufferedImage();
        List<Face> faces = detector.detect(RgbImage.of(original));
        assertThat(faces).hasSizeGreaterThanOrEqualTo(3);
        float[][] known = embed(original, faces);
        for (float[] embedding : known) {
            assertThat(FaceEmbedder.similarity(embedding, embedding)).isCloseTo(1f, within(1e-5f));
        }

        float leastLikeItself = 1;
        float mostLikeAnother = -1;
        for (Change change : changes(original)) {
            BufferedImage copy = change.apply().apply(original);
            List<Face> found = detector.detect(RgbImage.of(copy));
            float[][] embeddings = embed(copy, found);
            int matched = 0;
            for (int f = 0; f < found.size(); f++) {
                int same = faceAt(faces, found.get(f), change.toCopy());
                if (same < 0) {
                    continue;
                }
                matched++;
                for (int k = 0; k < faces.size(); k++) {
                    float similarity = FaceEmbedder.similarity(embeddings[f], known[k]);
                    String what = photo + " " + change.name() + ": face " + same + " against face " + k;
                    if (k == same) {
                        assertThat(similarity).as(what).isGreaterThanOrEqualTo(SAME_FACE_AT_LEAST);
                        leastLikeItself = Math.min(leastLikeItself, similarity);
                    } else {
                        assertThat(similarity).as(what).isLessThanOrEqualTo(OTHERS_AT_MOST);
                        mostLikeAnother = Math.max(mostLikeAnother, similarity);
                    }
                }
            }
            assertThat(matched).as("%s %s: faces found again", photo, change.name()).isEqualTo(faces.size());
        }
        reporter.publishEntry(photo + ": same face, least similarity", String.format("%.3f", leastLikeItself));
        reporter.publishEntry(photo + ": different people, most similarity", String.format("%.3f", mostLikeAnother));
    }

    private static float[][] embed(BufferedImage image, List<Face> faces) {
        return embedder.embed(RgbImage.of(image), faces);
    }

    /** The index of the face of the photo whose box holds the centre of {@code found}, mapped back; -1 if none. */
    private static int faceAt(List<Face> faces, Face found, AffineTransform toCopy) {
        double[] centre = {(found.box().x1() + found.box().x2()) / 2, (found.box().y1() + found.box().y2()) / 2};
        try {
            toCopy.inverseTransform(centre, 0, centre, 0, 1);
        } catch (java.awt.geom.NoninvertibleTransformException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < faces.size(); i++) {
            var box = faces.get(i).box();
            if (centre[0] >= box.x1() && centre[0] <= box.x2() && centre[1] >= box.y1() && centre[1] <= box.y2()) {
                return i;
            }
        }
        return -1;
    }

    private static List<Change> changes(BufferedImage original) {
        int w = original.getWidth();
        int h = original.getHeight();
        AffineTransform smaller = AffineTransform.getScaleInstance(0.7, 0.7);
        AffineTransform turned = AffineTransform.getRotateInstance(Math.toRadians(12), w / 2.0, h / 2.0);
        return List.of(
                new Change("70% size", image -> transformed(image, smaller, (int) (w * 0.7), (int) (h * 0.7)), smaller),
                new Change("turned 12 degrees", image -> transformed(image, turned, w, h), turned),
                new Change("brighter by 30", FaceEmbedderTest::brighter, new AffineTransform()),
                new Change("JPEG quality 30", FaceEmbedderTest::compressed, new AffineTransform()));
    }

    private static BufferedImage transformed(BufferedImage image, AffineTransform transform, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D graphics = out.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.drawImage(image, transform, null);
        graphics.dispose();
        return out;
    }

    private static BufferedImage brighter(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = Math.min(255, ((rgb >> 16) & 0xff) + 30);
                int g = Math.min(255, ((rgb >> 8) & 0xff) + 30);
                int b = Math.min(255, (rgb & 0xff) + 30);
                out.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return out;
    }

    private static BufferedImage compressed(BufferedImage image) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.3f);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (var out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            writer.dispose();
            return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
