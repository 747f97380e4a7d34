package io.facestream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkConfigTest {
    @Test
    void anEmptyEnvironmentGivesTheLocalRun() {
        SinkConfig config = SinkConfig.fromEnvironment(Map.of());

        assertThat(config.dataDir()).isEqualTo(Path.of("data/sink"));
        assertThat(config.jdbcUrl()).isEmpty();
        assertThat(config.effectiveJdbcUrl()).startsWith("jdbc:h2:file:").contains("data/sink/db/events");
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.applicationId()).isEqualTo("face-stream-sink");
        assertThat(config.retentionDays()).isEqualTo(30);
        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
    }

    @Test
    void aJdbcUrlSelectsThatDatabase() {
        SinkConfig config = SinkConfig.fromEnvironment(Map.of("SINK_JDBC_URL", "jdbc:postgresql://db:5432/faces",
                "SINK_JDBC_USER", "sink", "SINK_JDBC_PASSWORD", "hunter2", "SINK_HTTP_PORT", "9000",
                "SINK_APPLICATION_ID", "sink-eu", "SINK_DATA_DIR", "/var/lib/sink", "SINK_RETENTION_DAYS", "7"));

        assertThat(config.effectiveJdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/faces");
        assertThat(config.jdbcUser()).isEqualTo("sink");
        assertThat(config.httpPort()).isEqualTo(9000);
        assertThat(config.applicationId()).isEqualTo("sink-eu");
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/sink"));
        assertThat(config.retentionDays()).isEqualTo(7);
        assertThat(config.toString()).doesNotContain("hunter2").doesNotContain("db:5432");
    }

    @Test
    void recognitionMatchesAt0Point6AndKeepsNoEmbeddingOfPassersByUnlessAskedTo() {
        SinkConfig defaults = SinkConfig.fromEnvironment(Map.of());
        assertThat(defaults.matchThreshold()).isEqualTo(0.6f);
        assertThat(defaults.storeEmbeddings()).isFalse();

        SinkConfig set = SinkConfig.fromEnvironment(Map.of("SINK_MATCH_THRESHOLD", "0.5",
                "SINK_STORE_EMBEDDINGS", "true"));
        assertThat(set.matchThreshold()).isEqualTo(0.5f);
        assertThat(set.storeEmbeddings()).isTrue();
    }

    @Test
    void badValuesNameTheirVariable() {
        assertThatThrownBy(() -> SinkConfig.fromEnvironment(Map.of("SINK_HTTP_PORT", "eighty")))
                .hasMessageContaining("SINK_HTTP_PORT");
        assertThatThrownBy(() -> SinkConfig.fromEnvironment(Map.of("SINK_HTTP_PORT", "70000")))
                .hasMessageContaining("SINK_HTTP_PORT");
        assertThatThrownBy(() -> SinkConfig.fromEnvironment(Map.of("SINK_JDBC_URL", "jdbc:mysql://db/faces")))
                .hasMessageContaining("SINK_JDBC_URL");
        assertThatThrownBy(() -> SinkConfig.fromEnvironment(Map.of("SINK_RETENTION_DAYS", "0")))
                .hasMessageContaining("SINK_RETENTION_DAYS");
        assertThatThrownBy(() -> SinkConfig.fromEnvironment(Map.of("SINK_RETENTION_DAYS", "a month")))
                .hasMessageContaining("SINK_RETENTION_DAYS");
        assertThatThrownBy(() -> SinkConfig.fromEnvironment(Map.of("SINK_MATCH_THRESHOLD", "1.5")))
                .hasMessageContaining("SINK_MATCH_THRESHOLD must be a cosine similarity, -1 to 1");
        assertThatThrownBy(() -> SinkConfig.fromEnvironment(Map.of("SINK_MATCH_THRESHOLD", "high")))
                .hasMessageContaining("SINK_MATCH_THRESHOLD must be a number");
        assertThatThrownBy(() -> SinkConfig.fromEnvironment(Map.of("SINK_STORE_EMBEDDINGS", "yes")))
                .hasMessageContaining("SINK_STORE_EMBEDDINGS must be true or false");
    }
}
