package io.facestream.sink;

import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.BoundingBox;
import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.FrameScan;
import io.facestream.schemas.avro.Landmark;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Face events for tests: frame {@code sequence} of a camera, captured {@code sequence} seconds after a fixed start. */
public final class TestEvents {
    static final Instant START = Instant.parse("2026-03-01T08:00:00.123Z");
    /** Loaded first: it tells Avro to trust the generated classes, which building an event with defaults needs. */
    private static final AvroSerde<FaceDetections> SERDE = new AvroSerde<>(FaceDetections.class);

    private TestEvents() {
    }

    public static FaceDetections withFaces(String camera, long sequence, int faces) {
        List<DetectedFace> found = new ArrayList<>();
        for (int i = 0; i < faces; i++) {
            float left = 10.25f + 100 * i;
            List<Landmark> landmarks = List.of(new Landmark(left + 10.5f, 30.125f), new Landmark(left + 30.75f, 30.5f),
                    new Landmark(left + 20.1f, 45.3f), new Landmark(left + 12.7f, 60.9f), new Landmark(left + 28.3f, 61.2f));
            found.add(new DetectedFace(new BoundingBox(left, 12.5f, left + 40.333f, 72.75f), 0.999f - 0.01f * i, landmarks,
                    null, null));
        }
        Instant capture = START.plusSeconds(sequence);
        return FaceDetections.newBuilder().setCameraId(camera).setSequence(sequence).setCaptureTime(capture)
                .setIngestTime(capture.plusMillis(5)).setDetectTime(capture.plusMillis(60)).setWidth(640).setHeight(480)
                .setModel("mtcnn").setProvider("cpu").setWorkerId("worker-1").setStatus(DetectionStatus.OK)
                .setFaces(found).build();
    }

    /** An event of a worker with tracking: examined as {@code scan}, a face for each of {@code tracks}. */
    public static FaceDetections tracked(String camera, long sequence, FrameScan scan, String... tracks) {
        FaceDetections event = withFaces(camera, sequence, tracks.length);
        for (int i = 0; i < tracks.length; i++) {
            event.getFaces().get(i).setTrackId(tracks[i]);
        }
        event.setScan(scan);
        return event;
    }

    static FaceDetections empty(String camera, long sequence) {
        return withFaces(camera, sequence, 0);
    }

    /** Publishes the events to {@code faces} in one transaction, as a detector worker does. */
    public static void sendInOneTransaction(String bootstrapServers, List<FaceDetections> events) {
        try (KafkaProducer<String, FaceDetections> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-worker-" + UUID.randomUUID()),
                new StringSerializer(), SERDE.serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            events.forEach(event -> producer.send(new ProducerRecord<>(Topics.FACES, event.getCameraId(), event)));
            producer.commitTransaction();
        }
    }
}
