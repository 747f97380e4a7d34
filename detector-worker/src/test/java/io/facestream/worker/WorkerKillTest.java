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
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exactly once for a read_committed reader, even when a worker dies mid-batch; its partitions move within seconds. */
class WorkerKillTest {
    private static final List<String> CAMERAS = TestFrames.onePerPartition(Topics.DEFAULT_PARTITIONS);
    private static final int FRAMES_PER_CAMERA = 12;
    /**
     * Six cameras at 1 fps: 6 frames a second, under a third of one CPU worker's rate (README, Speed), so that the
     * survivor keeps up alone even on a busy test machine and only the takeover can make a frame stale.
     */
    private static final Duration FRAME_INTERVAL = Duration.ofSeconds(1);
    private static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(3);
    /** Frames go on arriving until well after the takeover; those sent just after the kill wait for it. */
    private static final Duration LOAD_AFTER_KILL = Duration.ofSeconds(12);

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

    @Test
    void killedWorkersPartitionsMoveWithinSecondsAndNoFrameGoesStale() throws Exception {
        try (KafkaFixture kafka = new KafkaFixture(dataDir)) {
            Process victim = WorkerProcess.launch(kafka.broker().bootstrapServers(), "victim",
                    dataDir.resolve("victim.log"));
            try {
                sendFrames(kafka, 0, 1);
                awaitVictimCommitted(kafka);
                try (WorkerService survivor = WorkerService.start(DetectorWorkerTest.config("survivor"),
                        kafka.settings(), 1)) {
                    DetectorWorker other = survivor.workers().get(0);
                    await().atMost(Duration.ofSeconds(30)).until(() -> !other.assignment().isEmpty());
                    int sequence = sendSteadily(kafka, 1, LOAD_BEFORE_KILL);
                    Set<String> orphaned = camerasOutside(other.assignment());
                    assertThat(orphaned).as("the victim's cameras").isNotEmpty();
                    Instant killed = Instant.now();
                    victim.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    int frames = sendSteadily(kafka, sequence, LOAD_AFTER_KILL);

                    List<FaceDetections> events = assertExactlyOneEventPerFrame(kafka, frames);
                    // Frames sent after the kill wait for the takeover alone (earlier ones, also for the victim).
                    assertThat(events.stream().filter(e -> !e.getCaptureTime().isBefore(killed)
                            && e.getStatus() == DetectionStatus.SKIPPED_STALE).toList())
                            .as("frames sent after the kill but skipped as stale").isEmpty();
                    for (String camera : orphaned) {
                        Instant taken = events.stream().filter(e -> e.getCameraId().equals(camera)
                                && e.getWorkerId().equals("survivor")).map(FaceDetections::getDetectTime)
                                .min(Comparator.naturalOrder()).orElseThrow();
                        assertThat(Duration.between(killed, taken)).as("%s taken over after the kill", camera)
                                .isLessThan(Duration.ofSeconds(10));
                    }
                }
            } finally {
                victim.destroyForcibly();
            }
        }
    }

    /**
     * Sends a frame per camera every {@link #FRAME_INTERVAL}, captured now, for {@code duration}; returns the
     * sequence after the last one. One worker can take all of them, as a survivor must.
     */
    private static int sendSteadily(KafkaFixture kafka, int fromSequence, Duration duration)
            throws InterruptedException {
        int sequence = fromSequence;
        for (long end = System.nanoTime() + duration.toNanos(); System.nanoTime() < end; sequence++) {
            long next = System.nanoTime() + FRAME_INTERVAL.toNanos();
            sendFrames(kafka, sequence, sequence + 1);
            Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
        }
        return sequence;
    }

    /** The cameras whose partitions {@code partitions} does not hold (camera i is on partition i). */
    private static Set<String> camerasOutside(Set<TopicPartition> partitions) {
        Set<String> outside = new HashSet<>();
        for (int i = 0; i < CAMERAS.size(); i++) {
            if (!partitions.contains(new TopicPartition(Topics.FRAMES, i))) {
                outside.add(CAMERAS.get(i));
            }
        }
        return outside;
    }

    private static void sendFrames(KafkaFixture kafka, int fromSequence, int toSequence) {
        for (int i = fromSequence; i < toSequence; i++) {
            for (String camera : CAMERAS) {
                kafka.send(TestFrames.frame(camera, i, SamplePhoto.ASTRONAUT));
            }
        }
    }

    private static void assertExactlyOneEventPerFrame(KafkaFixture kafka) {
        List<FaceDetections> events = assertExactlyOneEventPerFrame(kafka, FRAMES_PER_CAMERA);
        assertThat(events).extracting(FaceDetections::getWorkerId).contains("victim", "survivor");
        CAMERAS.forEach(camera -> assertTrackedAndTakenOverWithAFullScan(events.stream()
                .filter(event -> event.getCameraId().equals(camera) && event.getStatus() == DetectionStatus.OK)
                .sorted(Comparator.comparingLong(FaceDetections::getSequence)).toList()));
    }

    /** Every camera's frames 0 to {@code framesPerCamera} - 1 have one event each, in order. */
    private static List<FaceDetections> assertExactlyOneEventPerFrame(KafkaFixture kafka, int framesPerCamera) {
        int total = CAMERAS.size() * framesPerCamera;
        List<FaceDetections> events = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(kafka::faceEvents, e -> e.size() >= total);
        Map<String, List<Long>> sequences = events.stream().collect(Collectors.groupingBy(
                FaceDetections::getCameraId, Collectors.mapping(FaceDetections::getSequence, Collectors.toList())));
        List<Long> expected = LongStream.range(0, framesPerCamera).boxed().toList();
        CAMERAS.forEach(camera -> assertThat(sequences.get(camera)).as(camera).containsExactlyElementsOf(expected));
        return events;
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
