package io.facestream.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.samples.SamplePhoto;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentDetectionTest {

    @Test
    void threadsSharingOneDetectorGetTheSameFacesAsOneThread() throws Exception {
        List<RgbImage> photos = List.of(GoldenPhotosTest.read(SamplePhoto.MULTIFACE),
                GoldenPhotosTest.read(SamplePhoto.ASTRONAUT), GoldenPhotosTest.read(SamplePhoto.COFFEE));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (FaceDetector detector = FaceDetector.create(DetectorOptions.defaults())) {
            List<List<Face>> expected = photos.stream().map(detector::detect).toList();
            List<Future<List<Face>>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                RgbImage photo = photos.get(i % photos.size());
                results.add(threads.submit(() -> detector.detect(photo)));
            }
            for (int i = 0; i < results.size(); i++) {
                GoldenPhotosTest.assertSameFaces(results.get(i).get(), expected.get(i % photos.size()));
            }
            assertThat(expected.get(0)).hasSize(6);
        } finally {
            threads.shutdownNow();
        }
    }
}
