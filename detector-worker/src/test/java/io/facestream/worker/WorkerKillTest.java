package io.facestream.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facestream.samples.SamplePhoto;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.FrameScan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exactly once for a read_committed reader, even when a worker dies mid-batch. */
class WorkerKillTest {
    private static final List<String> CAMERAS = TestFrames.onePerPartition(Topics.DEFAULT_PARTITIONS);
    private static final int FRAMES_PER_CAMERA = 12;

    @TempDir
    Path dataDir;

    @Test
    void workerKilledMidBatchLeavesNoGapOrDuplicate() throws Exception {
        try (KafkaFixture kafka = new KafkaFixture(dataDir)) {
            Process victim = WorkerProcess.launch(kafka.broker().bootstrapServers(), "victim",
                    dataDir.resolve("victim.log"));
            try {
                sendFrames(kafka, 0, FRAMES_PER_CAMERA / 3);
                awaitVictimCommitted(kafka);
                try (WorkerService survivor = WorkerService.start(DetectorWorkerTest.config("survivor"),
                        kafka.settings(), 1)) {
                    sendFrames(kafka, FRAMES_PER_CAMERA / 3, 2 * FRAMES_PER_CAMERA / 3);
                    victim.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    sendFrames(kafka, 2 * FRAMES_PER_CAMERA / 3, FRAMES_PER_CAMERA);
                    assertExactlyOneEventPerFrame(kafka);
                }
            } finally {
                victim.destroyForcibly();
            }
        }
    }

    private static void sendFrames(KafkaFixture kafka, int fromSequence, int toSequence) {
        for (int i = fromSequence; i < toSequence; i++) {
            for (String camera : CAMERAS) {
                kafka.send(TestFrames.frame(camera, i, SamplePhoto.ASTRONAUT));
            }
        }
    }

    private static void assertExactlyOneEventPerFrame(KafkaFixture kafka) {
        int total = CAMERAS.size() * FRAMES_PER_CAMERA;
        List<FaceDetections> events = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(kafka::faceEvents, e -> e.size() >= total);
        Map<String, List<Long>> sequences = events.stream().collect(Collectors.groupingBy(
                FaceDetections::getCameraId, Collectors.mapping(FaceDetections::getSequence, Collectors.toList())));
        List<Long> expected = LongStream.range(0, FRAMES_PER_CAMERA).boxed().toList();
        CAMERAS.forEach(camera -> assertThat(sequences.get(camera)).as(camera).containsExactlyElementsOf(expected));
        assertThat(events).extracting(FaceDetections::getWorkerId).contains("victim", "survivor");
        CAMERAS.forEach(camera -> assertTrackedAndTakenOverWithAFullScan(events.stream()
                .filter(event -> event.getCameraId().equals(camera) && event.getStatus() == DetectionStatus.OK)
                .sorted(Comparator.comparingLong(FaceDetections::getSequence)).toList()));
    }

    /**
     * The victim died with tracks open: whichever worker took a camera's frames on (the survivor joining, the
     * victim's death, its aborted batch) began with a full scan, and every frame still shows its face in a track.
     * {@code camera}: the examined frames (those not skipped as stale while the victim's transaction timed out).
     */
    private static void assertTrackedAndTakenOverWithAFullScan(List<FaceDetections> camera) {
        for (int i = 0; i < camera.size(); i++) {
            FaceDetections event = camera.get(i);
            assertThat(event.getFaces()).as(event.getCameraId() + " #" + event.getSequence()).singleElement()
                    .satisfies(face -> assertThat(face.getTrackId()).isNotNull());
            if (i == 0 || !camera.get(i - 1).getWorkerId().equals(event.getWorkerId())) {
                assertThat(event.getScan()).as(event.getCameraId() + " #" + event.getSequence() + " by "
                        + event.getWorkerId()).isEqualTo(FrameScan.FULL);
            }
        }
    }

    private void awaitVictimCommitted(KafkaFixture kafka) throws java.io.IOException {
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> kafka.faceEvents()
                    .stream().anyMatch(e -> e.getWorkerId().equals("victim")));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the worker to kill never committed; its log:\n"
                    + java.nio.file.Files.readString(dataDir.resolve("victim.log")), e);
        }
    }
}
