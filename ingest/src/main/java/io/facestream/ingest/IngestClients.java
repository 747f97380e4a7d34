package io.facestream.ingest;

import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.CameraStatus;
import io.facestream.schemas.avro.Frame;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Kafka clients of one ingest instance, configured for their jobs. */
final class IngestClients {
    private final IngestConfig config;

    IngestClients(IngestConfig config) {
        this.config = config;
    }

    KafkaProducer<String, Frame> frameProducer() {
        Map<String, Object> props = config.kafka().producerConfig();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-frames-" + config.instanceId());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // Batching a few milliseconds of frames across cameras costs little latency at video rates.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // JPEG does not compress further; a 4K frame can pass the 1 MB default.
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 10 * 1024 * 1024);
        return new KafkaProducer<>(props, new StringSerializer(), new AvroSerde<>(Frame.class).serializer());
    }

    KafkaProducer<String, CameraStatus> statusProducer() {
        Map<String, Object> props = config.kafka().producerConfig();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-status-" + config.instanceId());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new AvroSerde<>(CameraStatus.class).serializer());
    }

    KafkaProducer<String, CameraConfig> cameraProducer() {
        Map<String, Object> props = config.kafka().producerConfig();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-cameras-" + config.instanceId());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new AvroSerde<>(CameraConfig.class).serializer());
    }

    /** The consumer that shares the cameras topic's partitions, and so the cameras, among instances. */
    KafkaConsumer<String, CameraConfig> cameraConsumer() {
        Map<String, Object> props = config.kafka().consumerConfig();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-" + config.instanceId());
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        // Each assignment rereads its partitions from the beginning: committed offsets would mean nothing.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new AvroSerde<>(CameraConfig.class).deserializer());
    }

    /** The consumer that reads every partition of the cameras topic, outside the group, for the frames partitions. */
    KafkaConsumer<String, byte[]> framePartitionConsumer() {
        Map<String, Object> props = config.kafka().consumerConfig();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-frame-partitions-" + config.instanceId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
