package io.facestream.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facestream.broker.TopicReader;
import io.facestream.samples.SamplePhoto;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.KafkaSettings;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The worker against Apache Kafka's own container image, where Docker is available (skipped
 * otherwise): the embedded broker is not the only broker it works with.
 */
@Testcontainers(disabledWithoutDocker = true)
class DetectorWorkerOnKafkaContainerTest {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    @Test
    void everyFrameGetsOneEventOnAKafkaContainer() throws Exception {
        String bootstrap = KAFKA.getBootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(Topics.specs().stream()
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()))
                    .toList()).all().get();
        }
        AvroSerde<Frame> frames = new AvroSerde<>(Frame.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < 3; i++) {
                Frame frame = TestFrames.frame("door", i, SamplePhoto.ASTRONAUT);
                producer.send(new ProducerRecord<>(Topics.FRAMES, "door", frames.serializer()
                        .serialize(Topics.FRAMES, frame))).get();
            }
        }
        try (WorkerService workers = WorkerService.start(DetectorWorkerTest.config("w1"), KafkaSettings.of(bootstrap),
                1)) {
            List<FaceDetections> events = await().atMost(Duration.ofSeconds(60)).until(() -> TopicReader
                    .readCommitted(bootstrap, Topics.FACES, new AvroSerde<>(FaceDetections.class).deserializer())
                    .stream().map(ConsumerRecord::value).toList(), e -> e.size() >= 3);
            assertThat(events).extracting(FaceDetections::getSequence).containsExactly(0L, 1L, 2L);
            assertThat(events).allMatch(e -> e.getFaces().size() == 1);
        }
    }
}
