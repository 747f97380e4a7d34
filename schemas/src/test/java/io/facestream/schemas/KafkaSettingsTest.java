package io.facestream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    @Test
    void defaultsToALocalBroker() {
        KafkaSettings settings = KafkaSettings.fromEnvironment(Map.of());
        assertThat(settings.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(settings.producerConfig()).containsEntry("bootstrap.servers", "localhost:9092");
    }

    @Test
    void clientVariablesBecomeClientProperties() {
        KafkaSettings settings = KafkaSettings.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k1:9093,k2:9093",
                "KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_CLIENT_SASL_MECHANISM", "SCRAM-SHA-512",
                "UNRELATED", "x"));
        assertThat(settings.consumerConfig()).containsEntry("bootstrap.servers", "k1:9093,k2:9093")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .doesNotContainKey("unrelated");
    }

    @Test
    void secretsAreRedactedWhenPrinted() {
        KafkaSettings settings = KafkaSettings.fromEnvironment(Map.of(
                "KAFKA_CLIENT_SASL_JAAS_CONFIG", "ScramLoginModule required username=\"u\" password=\"hunter2\";",
                "KAFKA_CLIENT_SSL_TRUSTSTORE_PASSWORD", "changeit",
                "KAFKA_CLIENT_SASL_OAUTHBEARER_ASSERTION_PRIVATE_KEY_PASSPHRASE", "open-sesame",
                "KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL"));
        assertThat(settings.toString()).doesNotContain("hunter2").doesNotContain("changeit")
                .doesNotContain("open-sesame").contains("[redacted]").contains("security.protocol=SASL_SSL");
        assertThat(settings.producerConfig()).containsEntry("ssl.truststore.password", "changeit");
    }
}
