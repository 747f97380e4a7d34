package io.facestream.sink.cameras;

import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.KafkaSettings;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.CameraConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes camera configs to the compacted {@code cameras} topic (a null value removes a camera), where ingest
 * instances pick them up, and returns once the sink's own registry has read the write back.
 */
public final class CameraWriter implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final KafkaProducer<String, CameraConfig> producer;
    private final CameraRegistry registry;

    public CameraWriter(KafkaSettings kafka, CameraRegistry registry) {
        Map<String, Object> config = kafka.producerConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, TIMEOUT.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "face-stream-sink-cameras");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new AvroSerde<>(CameraConfig.class).serializer());
        this.registry = registry;
    }

    public void put(CameraConfig config) {
        write(config.getId(), config);
    }

    public void remove(String cameraId) {
        write(cameraId, null);
    }

    private void write(String cameraId, CameraConfig config) {
        try {
            RecordMetadata written = producer.send(new ProducerRecord<>(Topics.CAMERAS, cameraId, config))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!registry.awaitCamerasRead(written.partition(), written.offset(), TIMEOUT)) {
                throw new CameraTopicException("the camera change was written to " + Topics.CAMERAS
                        + " but not read back within " + TIMEOUT.toSeconds() + " s", null);
            }
        } catch (ExecutionException e) {
            throw new CameraTopicException("cannot write to " + Topics.CAMERAS + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new CameraTopicException("cannot write to " + Topics.CAMERAS + " within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CameraTopicException("interrupted while writing to " + Topics.CAMERAS, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** Kafka did not take or return a camera change in time; the API answers 503. */
    public static final class CameraTopicException extends RuntimeException {
        CameraTopicException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
