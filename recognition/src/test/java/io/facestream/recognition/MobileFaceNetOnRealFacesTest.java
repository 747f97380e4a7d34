package io.facestream.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.facestream.samples.Golden;
import io.facestream.samples.SamplePhoto;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The committed MobileFaceNet on real faces, each cropped plainly as the square around its reference
 * box (alignment to the five-point template comes later): one embedding of 192 values per face,
 * every face closer to a shifted, brightened copy of itself than to anyone else in its photo (two
 * faces in one photo are two people), and different people far apart on average.
 */
class MobileFaceNetOnRealFacesTest {
    private static final String MODEL = "/io/facestream/recognition/models/mobilefacenet.onnx";
    private static final int SIZE = 112;
    /** Small enough for an unaligned crop: at 6% the same face's similarity falls to about 0.5. */
    private static final double SHIFT = 0.03;
    private static final int BRIGHTER = 20;
    /**
     * Measured: 0.25 (SAMPLE1) and 0.17 (MULTIFACE); a model converted with its kernels transposed
     * still ranks each copy first, but gives 0.49 and 0.54.
     */
    private static final double MEAN_SIMILARITY_OF_STRANGERS = 0.35;

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private static OrtSession session;

    @BeforeAll
    static void load() throws IOException, OrtException {
        try (InputStream model = MobileFaceNetOnRealFacesTest.class.getResourceAsStream(MODEL)) {
            session = ENV.createSession(model.readAllBytes(), new OrtSession.SessionOptions());
        }
    }

    @AfterAll
    static void close() throws OrtException {
        session.close();
    }

    @ParameterizedTest
    @EnumSource(value = SamplePhoto.class, names = {"SAMPLE1", "MULTIFACE"})
    void aFaceIsCloserToAShiftedBrighterCopyOfItselfThanToAnyoneElseInThePhoto(SamplePhoto photo,
            TestReporter reporter) throws IOException, OrtException {
        Embedded faces = embedFacesAndCopies(photo);

        for (int i = 0; i < faces.count(); i++) {
            double itself = cosine(faces.face(i), faces.copy(i));
            for (int j = 0; j < faces.count(); j++) {
                if (j != i) {
                    assertThat(itself).as("%s face %d: its copy against face %d", photo, i, j)
                            .isGreaterThan(cosine(faces.face(i), faces.face(j)));
                }
            }
            reporter.publishEntry(photo + " face " + i + " against its copy", String.format("%.3f", itself));
        }
    }

    @ParameterizedTest
    @EnumSource(value = SamplePhoto.class, names = {"SAMPLE1", "MULTIFACE"})
    void differentPeopleAreFarApartOnAverage(SamplePhoto photo, TestReporter reporter)
            throws IOException, OrtException {
        Embedded faces = embedFacesAndCopies(photo);

        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < faces.count(); i++) {
            for (int j = i + 1; j < faces.count(); j++) {
                sum += cosine(faces.face(i), faces.face(j));
                pairs++;
            }
        }
        assertThat(sum / pairs).as("%s: mean similarity of %d pairs of people", photo, pairs)
                .isLessThan(MEAN_SIMILARITY_OF_STRANGERS);
        reporter.publishEntry(photo + " mean similarity of different people", String.format("%.3f", sum / pairs));
    }

    /** Embeddings of a photo's confident reference faces (first {@code count}), then of their shifted, brighter copies. */
    private record Embedded(float[][] embeddings, int count) {
        float[] face(int i) {
            return embeddings[i];
        }

        float[] copy(int i) {
            return embeddings[count + i];
        }
    }

    private static Embedded embedFacesAndCopies(SamplePhoto photo) throws IOException, OrtException {
        BufferedImage image = ImageIO.read(photo.path().toFile());
        List<Golden.Face> faces = photo.golden().orElseThrow().facesScoringAtLeast(0.95f);
        assertThat(faces).hasSizeGreaterThanOrEqualTo(3);
        List<float[]> crops = new ArrayList<>();
        for (Golden.Face face : faces) {
            crops.add(crop(image, face.box(), 0, 0));
        }
        for (Golden.Face face : faces) {
            crops.add(crop(image, face.box(), SHIFT, BRIGHTER));
        }
        return new Embedded(embed(crops), faces.size());
    }

    /** One batch through the model; checks it gives [batch, 192]. */
    private static float[][] embed(List<float[]> crops) throws OrtException {
        float[] batch = new float[crops.size() * 3 * SIZE * SIZE];
        for (int i = 0; i < crops.size(); i++) {
            System.arraycopy(crops.get(i), 0, batch, i * 3 * SIZE * SIZE, 3 * SIZE * SIZE);
        }
        long[] shape = {crops.size(), 3, SIZE, SIZE};
        try (OnnxTensor input = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(batch), shape);
             OrtSession.Result result = session.run(Map.of("image", input))) {
            OnnxTensor embeddings = (OnnxTensor) result.get("embeddings").orElseThrow();
            assertThat(embeddings.getInfo().getShape()).containsExactly(crops.size(), 192);
            return (float[][]) embeddings.getValue();
        }
    }

    /**
     * The square around {@code box} ([x1, y1, x2, y2]), moved right and down by {@code shift} of its
     * side and brightened by {@code brighter} levels, scaled to 112x112: NCHW RGB, (v - 127.5) / 128.
     */
    private static float[] crop(BufferedImage image, float[] box, double shift, int brighter) {
        double side = Math.max(box[2] - box[0], box[3] - box[1]);
        int left = (int) Math.round((box[0] + box[2]) / 2 - side / 2 + shift * side);
        int top = (int) Math.round((box[1] + box[3]) / 2 - side / 2 + shift * side);
        int length = (int) Math.round(side);
        BufferedImage scaled = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = scaled.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.drawImage(image, 0, 0, SIZE, SIZE, left, top, left + length, top + length, null);
        graphics.dispose();
        float[] chw = new float[3 * SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int rgb = scaled.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    int level = Math.min(255, ((rgb >> (16 - 8 * c)) & 0xff) + brighter);
                    chw[(c * SIZE + y) * SIZE + x] = (level - 127.5f) / 128f;
                }
            }
        }
        return chw;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return dot / Math.sqrt(aa * bb);
    }
}
