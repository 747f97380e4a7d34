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
        assertThat(config.allowLocalSources()).isFalse();
        assertThat(IngestConfig.forCluster("127.0.0.1:9092").allowLocalSources()).as("the local run's demo is a file")
                .isTrue();
    }

    @Test
    void readsEveryVariable() {
        IngestConfig config = IngestConfig.fromEnvironment(Map.ofEntries(
                Map.entry("INGEST_INSTANCE_ID", "ingest-a"), Map.entry("INGEST_CAMERAS_FILE", "/etc/cameras.yaml"),
                Map.entry("INGEST_GROUP_ID", "site-1"), Map.entry("INGEST_QUEUE_SIZE", "2"),
                Map.entry("INGEST_MAX_IN_FLIGHT", "3"), Map.entry("INGEST_STATUS_INTERVAL_MS", "1000"),
                Map.entry("INGEST_BACKOFF_INITIAL_MS", "100"), Map.entry("INGEST_BACKOFF_MAX_MS", "5000"),
                Map.entry("INGEST_HTTP_PORT", "9100"), Map.entry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"),
                Map.entry("INGEST_ALLOW_LOCAL_SOURCES", "true"), Map.entry("CAMERA_SECRET_DOOR", "hunter22")));
        assertThat(config).isEqualTo(new IngestConfig("ingest-a", java.util.Optional.of(Path.of("/etc/cameras.yaml")),
                "site-1", 2, 3, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(5),
                9100, config.kafka(), true, config.cameraSecrets()));
        assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(config.cameraSecrets().fill("rtsp://door:${CAMERA_SECRET_DOOR}@10.0.0.5/live"))
                .isEqualTo("rtsp://door:hunter22@10.0.0.5/live");
        assertThat(config.toString()).contains("CAMERA_SECRET_DOOR").doesNotContain("hunter22");
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
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("INGEST_ALLOW_LOCAL_SOURCES", "yes")))
                .hasMessage("INGEST_ALLOW_LOCAL_SOURCES='yes' is not valid: expected true or false");
    }

    @Test
    void placeholdersNameOnlyCameraSecretsThatAreSet() {
        CameraSecrets secrets = CameraSecrets.fromEnvironment(Map.of("CAMERA_SECRET_GATE", "p@ss:word",
                "KAFKA_CLIENT_SASL_JAAS_CONFIG", "kafka password"));
        assertThat(secrets.fill("rtsp://admin:${CAMERA_SECRET_GATE}@10.0.0.6/live"))
                .isEqualTo("rtsp://admin:p@ss:word@10.0.0.6/live");
        assertThat(secrets.fill("rtsp://10.0.0.6/live")).isEqualTo("rtsp://10.0.0.6/live");
        assertThatThrownBy(() -> secrets.fill("http://attacker/${KAFKA_CLIENT_SASL_JAAS_CONFIG}"))
                .hasMessage("url names the variable KAFKA_CLIENT_SASL_JAAS_CONFIG: placeholders may name only "
                        + "CAMERA_SECRET_* variables");
        assertThatThrownBy(() -> secrets.fill("rtsp://admin:${CAMERA_SECRET_DOOR}@10.0.0.5/live"))
                .hasMessage("url names the variable CAMERA_SECRET_DOOR, which ingest's environment does not set");
    }
}
