package io.facestream.ingest;

import io.facestream.broker.EmbeddedKafkaBroker;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.Topics;
import io.facestream.schemas.Topics.TopicSpec;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.CameraStatus;
import io.facestream.schemas.avro.Frame;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/** A real embedded broker with the pipeline's topics, and the ingest instances a test starts on it. */
final class TestKafka implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;
    private final List<IngestService> services = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    private TestKafka(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    static TestKafka start(Path dataDir) {
        return start(dataDir, Topics.specs(2));
    }

    static TestKafka start(Path dataDir, List<TopicSpec> topics) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0);
        broker.createTopics(topics);
        return new TestKafka(broker);
    }

    /** The topics, with the cameras topic cut to {@code cameraPartitions} partitions. */
    static List<TopicSpec> topicsWithCameraPartitions(int cameraPartitions) {
        return Topics.specs(2).stream()
                .map(spec -> spec.name().equals(Topics.CAMERAS)
                        ? new TopicSpec(spec.name(), cameraPartitions, spec.configs()) : spec)
                .toList();
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Settings for tests: a group of its own, quick status reports and reconnects. */
    IngestConfig config(String instanceId, String groupId) {
        return IngestConfig.forCluster(bootstrapServers())
                .withInstanceId(instanceId)
                .withGroupId(groupId)
                .withStatusInterval(Duration.ofMillis(500))
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(1));
    }

    /** Starts an ingest instance on its own thread; closed with this fixture. */
    IngestService startIngest(IngestConfig config, List<Camera> cameras) {
        IngestService service = new IngestService(config, cameras, new SimpleMeterRegistry());
        services.add(service);
        threads.submit(service::run);
        return service;
    }

    IngestService startIngest(List<Camera> cameras) {
        return startIngest(config("ingest-" + UUID.randomUUID(), "ingest-" + UUID.randomUUID()), cameras);
    }

    RecordCollector<Frame> frames() {
        return new RecordCollector<>(bootstrapServers(), Topics.FRAMES, new AvroSerde<>(Frame.class));
    }

    RecordCollector<CameraStatus> statuses() {
        return new RecordCollector<>(bootstrapServers(), Topics.CAMERA_STATUS, new AvroSerde<>(CameraStatus.class));
    }

    RecordCollector<CameraConfig> cameras() {
        return new RecordCollector<>(bootstrapServers(), Topics.CAMERAS, new AvroSerde<>(CameraConfig.class));
    }

    KafkaProducer<String, CameraConfig> cameraProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new StringSerializer(), new AvroSerde<>(CameraConfig.class).serializer());
    }

    @Override
    public void close() {
        services.forEach(IngestService::close);
        threads.shutdownNow();
        broker.close();
    }
}
