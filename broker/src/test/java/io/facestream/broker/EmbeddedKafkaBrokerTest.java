package io.facestream.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.CameraConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    @TempDir
    Path dataDir;

    private static KafkaProducer<String, String> producer(String bootstrap, String transactionalId) {
        Map<String, Object> config = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"));
        if (transactionalId != null) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static List<String> readAll(String bootstrap, String topic) {
        return TopicReader.readCommitted(bootstrap, topic, new StringDeserializer()).stream()
                .map(ConsumerRecord::value).toList();
    }

    @Test
    void committedTransactionIsSeenByAReadCommittedReaderAndAnAbortedOneIsNot() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
            broker.createTopics(Topics.specs(2));
            try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers(), "tx-1")) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(Topics.FACES, "door", "kept"));
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(Topics.FACES, "door", "aborted")).get();
                producer.abortTransaction();
            }
            assertThat(readAll(broker.bootstrapServers(), Topics.FACES)).containsExactly("kept");
        }
    }

    @Test
    void restartKeepsAcknowledgedRecordsAndTheAddress() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
            broker.createTopics(Topics.specs(2));
            String address = broker.bootstrapServers();
            try (KafkaProducer<String, String> producer = producer(address, null)) {
                producer.send(new ProducerRecord<>(Topics.FRAMES, "door", "before")).get();
            }
            broker.restart();
            assertThat(broker.bootstrapServers()).isEqualTo(address);
            try (KafkaProducer<String, String> producer = producer(address, null)) {
                producer.send(new ProducerRecord<>(Topics.FRAMES, "door", "after")).get();
            }
            assertThat(readAll(address, Topics.FRAMES)).containsExactly("before", "after");
        }
    }

    @Test
    void createTopicsIsIdempotentAndAppliesTheSettings() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
            broker.createTopics(Topics.specs(3));
            broker.createTopics(Topics.specs(3));
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                var frames = admin.describeTopics(List.of(Topics.FRAMES)).allTopicNames().get().get(Topics.FRAMES);
                assertThat(frames.partitions()).hasSize(3);
                var resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CAMERAS);
                var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            }
        }
    }

    @Test
    void consumerGroupGetsItsPartitions() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
            broker.createTopics(Topics.specs(4));
            Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "workers");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of(Topics.FRAMES));
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    consumer.poll(Duration.ofMillis(100));
                    return consumer.assignment().size() == 4;
                });
            }
        }
    }

    @Test
    void avroRecordsAndTombstonesTravelThroughTheBroker() throws Exception {
        AvroSerde<CameraConfig> serde = new AvroSerde<>(CameraConfig.class);
        CameraConfig door = CameraConfig.newBuilder().setId("door").setUrl("rtsp://cam/1").build();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
            broker.createTopics(Topics.specs(2));
            try (KafkaProducer<String, CameraConfig> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new StringSerializer(), serde.serializer())) {
                producer.send(new ProducerRecord<>(Topics.CAMERAS, "door", door)).get();
                producer.send(new ProducerRecord<>(Topics.CAMERAS, "door", null)).get();
            }
            List<CameraConfig> values = new ArrayList<>();
            try (KafkaConsumer<String, CameraConfig> consumer = new KafkaConsumer<>(
                    Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                            ConsumerConfig.GROUP_ID_CONFIG, "avro-reader",
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), serde.deserializer())) {
                consumer.subscribe(List.of(Topics.CAMERAS));
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    ConsumerRecords<String, CameraConfig> records = consumer.poll(Duration.ofMillis(200));
                    records.forEach(record -> values.add(record.value()));
                    return values.size() >= 2;
                });
            }
            assertThat(values).containsExactly(door, null);
        }
    }
}
