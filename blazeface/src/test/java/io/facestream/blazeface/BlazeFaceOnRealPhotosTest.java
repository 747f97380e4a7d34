package io.facestream.blazeface;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.facestream.cascade.Box;
import io.facestream.cascade.ExecutionProvider;
import io.facestream.cascade.Point;
import io.facestream.cascade.RgbImage;
import io.facestream.samples.Golden;
import io.facestream.samples.SamplePhoto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** BlazeFace alone on the golden photos: the faces the reference MTCNN is sure of, and the six keypoints in order. */
class BlazeFaceOnRealPhotosTest {
    private static final float CONFIDENT = 0.95f;
    /** BlazeFace's boxes sit lower and shorter on a face than MTCNN's, so a match is judged loosely. */
    private static final float MIN_IOU = 0.5f;
    private static final Map<BlazeFaceModel, BlazeFace> DETECTORS = new EnumMap<>(BlazeFaceModel.class);

    @BeforeAll
    static void load() {
        for (BlazeFaceModel model : BlazeFaceModel.values()) {
            DETECTORS.put(model, BlazeFace.load(model, 2));
        }
    }

    @AfterAll
    static void close() {
        DETECTORS.values().forEach(BlazeFace::close);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"SHORT_RANGE, SAMPLE1", "SHORT_RANGE, SAMPLE2", "SHORT_RANGE, SAMPLE3", "SHORT_RANGE, MULTIFACE",
            "FULL_RANGE, SAMPLE1", "FULL_RANGE, SAMPLE2", "FULL_RANGE, SAMPLE3", "FULL_RANGE, MULTIFACE"})
    void findsEveryFaceTheReferenceIsSureOf(BlazeFaceModel model, SamplePhoto photo) {
        List<Detection> found = DETECTORS.get(model).detect(read(photo), 20);

        for (Golden.Face expected : photo.golden().orElseThrow().facesScoringAtLeast(CONFIDENT)) {
            Box box = box(expected);
            assertThat(found).as("%s: a detection over the reference face at %s", photo, box)
                    .anySatisfy(d -> assertThat(d.box().iou(box)).isGreaterThanOrEqualTo(MIN_IOU));
        }
    }

    @ParameterizedTest
    @EnumSource(BlazeFaceModel.class)
    void theAstronautsKeypointsLieInMediaPipesOrder(BlazeFaceModel model) {
        List<Detection> found = DETECTORS.get(model).detect(read(SamplePhoto.ASTRONAUT), 40);

        // The best detection is her face (the short-range model also scores a patch of her suit at 0.62).
        assertThat(found).isNotEmpty();
        assertThat(found.get(0).score()).isGreaterThan(0.9f);
        List<Point> p = found.get(0).keypoints();
        Point rightEye = p.get(0);
        Point leftEye = p.get(1);
        assertThat(rightEye.x()).as("her right eye appears left of her left eye").isLessThan(leftEye.x());
        assertThat(Math.max(rightEye.y(), leftEye.y())).as("eyes above the nose tip").isLessThan(p.get(2).y());
        assertThat(p.get(2).y()).as("nose tip above the mouth").isLessThan(p.get(3).y());
        assertThat(p.get(4).x()).as("right ear outside the right eye").isLessThan(rightEye.x());
        assertThat(p.get(5).x()).as("left ear outside the left eye").isGreaterThan(leftEye.x());
    }

    @Test
    void aBatchGivesEachImageTheFacesItGetsAlone() {
        BlazeFace both = BlazeFace.load(2);
        try (both) {
            List<RgbImage> images = List.of(read(SamplePhoto.MULTIFACE), read(SamplePhoto.COFFEE),
                    read(SamplePhoto.ASTRONAUT));
            List<List<Detection>> batch = both.detect(images, 40);
            for (int i = 0; i < images.size(); i++) {
                assertThat(batch.get(i)).isEqualTo(both.detect(images.get(i), 40));
            }
            assertThat(batch.get(0)).hasSizeGreaterThanOrEqualTo(6);
            assertThat(batch.get(2)).isNotEmpty();
        }
    }

    @Test
    void askedForCudaItRunsThereWhereItCanAndElseOnTheCpuFindingTheSameFaces() {
        boolean cuda = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        RgbImage photo = read(SamplePhoto.MULTIFACE);
        try (BlazeFace cpu = BlazeFace.load(2); BlazeFace asked = BlazeFace.load(2, ExecutionProvider.CUDA)) {
            assertThat(cpu.provider()).isEqualTo("cpu");
            assertThat(asked.provider()).isEqualTo(cuda ? "cuda" : "cpu");
            List<Detection> onCpu = cpu.detect(photo, 40);
            List<Detection> there = asked.detect(photo, 40);
            assertThat(there).hasSameSizeAs(onCpu).hasSizeGreaterThanOrEqualTo(6);
            for (int i = 0; i < onCpu.size(); i++) {
                assertThat(there.get(i).box().iou(onCpu.get(i).box())).isGreaterThan(0.95f);
            }
        }
    }

    @Test
    void eachFrameGoesToTheModelWhoseSquaresCostLess() {
        try (BlazeFace both = BlazeFace.load(2)) {
            // Faces of 80 and more in 640x480: one short-range square is enough.
            assertThat(both.modelFor(640, 480, 80)).isEqualTo(BlazeFaceModel.SHORT_RANGE);
            assertThat(both.squares(640, 480, 80)).isEqualTo(1);
            // Faces of 40: 7 short-range squares, or the full range's one.
            assertThat(both.modelFor(640, 480, 40)).isEqualTo(BlazeFaceModel.FULL_RANGE);
            assertThat(both.squares(640, 480, 40)).isEqualTo(1);
        }
    }

    static RgbImage read(SamplePhoto photo) {
        try {
            return RgbImage.read(photo.path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Box box(Golden.Face face) {
        return new Box(face.box()[0], face.box()[1], face.box()[2], face.box()[3]);
    }
}
