package io.facestream.worker;

import io.facestream.broker.EmbeddedKafkaBroker;
import io.facestream.broker.TopicReader;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.KafkaSettings;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A real broker for one test, with helpers to send frames and read face events as a read_committed reader. */
final class KafkaFixture implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;
    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerde<Frame> frames = new AvroSerde<>(Frame.class);
    private final AvroSerde<FaceDetections> events = new AvroSerde<>(FaceDetections.class);
    private final AvroSerde<CameraConfig> cameras = new AvroSerde<>(CameraConfig.class);

    KafkaFixture(Path dataDir) {
        this(dataDir, Topics.specs());
    }

    KafkaFixture(Path dataDir, List<Topics.TopicSpec> topics) {
        broker = EmbeddedKafkaBroker.start(dataDir, 0);
        broker.createTopics(topics);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
    }

    EmbeddedKafkaBroker broker() {
        return broker;
    }

    KafkaSettings settings() {
        return KafkaSettings.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()));
    }

    /** Sends and waits for the broker's acknowledgement. */
    void send(Frame frame) {
        sendRaw(frame.getCameraId(), frames.serializer().serialize(Topics.FRAMES, frame));
    }

    /** Sends to {@code partition} of frames, as ingest places a camera, and waits for the acknowledgement. */
    void send(Frame frame, int partition) {
        publish(Topics.FRAMES, partition, frame.getCameraId(), frames.serializer().serialize(Topics.FRAMES, frame));
    }

    /** Publishes a camera's config on the compacted cameras topic, as ingest and the sink do. */
    void send(CameraConfig camera) {
        sendRawTo(Topics.CAMERAS, camera.getId(), cameras.serializer().serialize(Topics.CAMERAS, camera));
    }

    void sendRaw(String key, byte[] value) {
        sendRawTo(Topics.FRAMES, key, value);
    }

    void sendRawTo(String topic, String key, byte[] value) {
        publish(topic, null, key, value);
    }

    private void publish(String topic, Integer partition, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("record for " + topic + " not acknowledged", e);
        }
    }

    List<FaceDetections> faceEvents() {
        List<FaceDetections> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readAll(Topics.FACES)) {
            out.add(events.deserializer().deserialize(Topics.FACES, record.value()));
        }
        return out;
    }

    List<ConsumerRecord<String, byte[]>> deadLetters() {
        return readAll(Topics.dlq(Topics.FRAMES));
    }

    /** Everything committed on {@code topic} so far, as a read_committed reader sees it. */
    List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        return TopicReader.readCommitted(broker.bootstrapServers(), topic, new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        producer.close();
        broker.close();
    }
}
