package io.facestream.worker;

import io.facestream.broker.EmbeddedKafkaBroker;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.KafkaSettings;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A real broker for one test, with helpers to send frames and read face events as a read_committed reader. */
final class KafkaFixture implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;
    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerde<Frame> frames = new AvroSerde<>(Frame.class);
    private final AvroSerde<FaceDetections> events = new AvroSerde<>(FaceDetections.class);

    KafkaFixture(Path dataDir) {
        broker = EmbeddedKafkaBroker.start(dataDir, 0);
        broker.createTopics(Topics.specs());
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

    void sendRaw(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.FRAMES, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("frame not acknowledged", e);
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
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            int emptyPolls = 0;
            while (emptyPolls < 3) {
                var polled = consumer.poll(Duration.ofMillis(300));
                emptyPolls = polled.isEmpty() && !consumer.assignment().isEmpty() ? emptyPolls + 1 : 0;
                polled.forEach(records::add);
            }
        }
        return records;
    }

    @Override
    public void close() {
        producer.close();
        broker.close();
    }
}
