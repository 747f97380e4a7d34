package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    @Test
    void defaultsWorkForTheLocalRun() {
        IngestConfig config = IngestConfig.fromEnvironment(Map.of());
        assertThat(config.instanceId()).endsWith("-" + ProcessHandle.current().pid());
        assertThat(config.camerasFile()).isEmpty();
        assertThat(config.groupId()).isEqualTo("face-stream-ingest");
        assertThat(config.queueSize()).isEqualTo(4);
        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.backoffMax()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsEveryVariable() {
        IngestConfig config = IngestConfig.fromEnvironment(Map.of(
                "INGEST_INSTANCE_ID", "ingest-a", "INGEST_CAMERAS_FILE", "/etc/cameras.yaml",
                "INGEST_GROUP_ID", "site-1", "INGEST_QUEUE_SIZE", "2", "INGEST_MAX_IN_FLIGHT", "3",
                "INGEST_STATUS_INTERVAL_MS", "1000", "INGEST_BACKOFF_INITIAL_MS", "100",
                "INGEST_BACKOFF_MAX_MS", "5000", "INGEST_HTTP_PORT", "9100", "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));
        assertThat(config).isEqualTo(new IngestConfig("ingest-a", java.util.Optional.of(Path.of("/etc/cameras.yaml")),
                "site-1", 2, 3, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(5),
                9100, config.kafka()));
        assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka:9092");
    }

    @Test
    void badValueNamesTheVariableAndTheAcceptedValues() {
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("INGEST_QUEUE_SIZE", "lots")))
                .hasMessage("INGEST_QUEUE_SIZE='lots' is not valid: expected a whole number from 1 to 1000");
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("INGEST_QUEUE_SIZE", "0")))
                .hasMessageContaining("INGEST_QUEUE_SIZE").hasMessageContaining("1 to 1000");
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("INGEST_BACKOFF_INITIAL_MS", "5000",
                "INGEST_BACKOFF_MAX_MS", "1000")))
                .hasMessageContaining("INGEST_BACKOFF_MAX_MS").hasMessageContaining("at least INGEST_BACKOFF_INITIAL_MS");
    }
}
