package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facestream.broker.EmbeddedKafkaBroker;
import io.facestream.broker.TopicReader;
import io.facestream.ingest.CameraFile;
import io.facestream.ingest.CameraPublisher;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.Alert;
import io.facestream.schemas.avro.AlertType;
import io.facestream.schemas.avro.BoundingBox;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Landmark;
import io.facestream.sink.SinkConfig;
import io.facestream.sink.SinkService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Door-alert rules written in ingest's camera file are the rules the sink's alert topology applies. */
class CameraFileAlertRulesTest {
    @TempDir
    Path dataDir;

    @Test
    void aCameraFileAskingForOneFrameGetsFacePresentOnTheFirstFace() throws Exception {
        // The sink's default would want 3 faces in 5 frames; the file asks for 1 in 1.
        Path file = Files.writeString(dataDir.resolve("cameras.yaml"), """
                - id: door
                  url: rtsp://10.0.0.5/stream
                  alerts:
                    presentFrames: 1
                    windowFrames: 1
                """);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), 0)) {
            broker.createTopics(Topics.specs());
            // What ingest does at start: publish the file's cameras.
            try (KafkaProducer<String, CameraConfig> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
                    new AvroSerde<>(CameraConfig.class).serializer())) {
                new CameraPublisher(producer).publish(CameraFile.read(file));
            }
            // Started after the cameras are on the topic, the sink's global store holds them before any face event.
            try (SinkService sink = new SinkService(SinkConfig.fromEnvironment(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "SINK_DATA_DIR", dataDir.resolve("sink").toString(), "SINK_HTTP_PORT", "0",
                    "SINK_HTTP_HOST", "127.0.0.1", "SINK_APPLICATION_ID", "file-rules-" + UUID.randomUUID())))) {
                sink.start();
                sendFaceEvent(broker, "door", 1);

                List<ConsumerRecord<String, Alert>> alerts = await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> TopicReader.readCommitted(broker.bootstrapServers(), Topics.ALERTS,
                                new AvroSerde<>(Alert.class).deserializer()), records -> !records.isEmpty());

                assertThat(alerts).extracting(record -> record.value().getType()).containsExactly(AlertType.FACE_PRESENT);
                assertThat(alerts.get(0).value().getSequence()).isEqualTo(1L);
            }
        }
    }

    /** One detection event with a big, confident face, committed as a worker commits its events. */
    private static void sendFaceEvent(EmbeddedKafkaBroker broker, String camera, long sequence) {
        Instant capture = Instant.now();
        DetectedFace face = new DetectedFace(new BoundingBox(260f, 180f, 380f, 300f), 0.99f,
                Collections.nCopies(5, new Landmark(320f, 240f)), null, null);
        FaceDetections event = FaceDetections.newBuilder().setCameraId(camera).setSequence(sequence)
                .setCaptureTime(capture).setIngestTime(capture.plusMillis(5)).setDetectTime(capture.plusMillis(50))
                .setWidth(640).setHeight(480).setStatus(DetectionStatus.OK).setFaces(List.of(face)).build();
        try (KafkaProducer<String, FaceDetections> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-worker-" + UUID.randomUUID()),
                new StringSerializer(), new AvroSerde<>(FaceDetections.class).serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.FACES, camera, event));
            producer.commitTransaction();
        }
    }
}
