package io.facestream.schemas;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How every service reaches Kafka, from the environment: {@code KAFKA_BOOTSTRAP_SERVERS} (default
 * localhost:9092) and any client property as {@code KAFKA_CLIENT_<NAME>}, e.g.
 * {@code KAFKA_CLIENT_SECURITY_PROTOCOL=SASL_SSL} becomes {@code security.protocol=SASL_SSL}.
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> clientProperties) {
    public static final String CLIENT_PREFIX = "KAFKA_CLIENT_";
    /** The variables {@link #fromEnvironment(Map)} reads. */
    public static final List<EnvironmentVariable> VARIABLES = List.of(
            new EnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092", "the Kafka cluster, host:port,..."),
            new EnvironmentVariable(CLIENT_PREFIX + "*", "", "client properties: KAFKA_CLIENT_SASL_MECHANISM is "
                    + "sasl.mechanism; secrets are never printed"));
    private static final List<String> SECRET_WORDS = List.of("password", "jaas", "secret", "key");

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("KAFKA_BOOTSTRAP_SERVERS must name at least one host:port");
        }
        clientProperties = Map.copyOf(clientProperties);
    }

    public static KafkaSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static KafkaSettings fromEnvironment(Map<String, String> env) {
        Map<String, String> client = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(CLIENT_PREFIX) && name.length() > CLIENT_PREFIX.length()) {
                client.put(name.substring(CLIENT_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        String bootstrap = env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "");
        return new KafkaSettings(bootstrap.isBlank() ? "localhost:9092" : bootstrap.trim(), client);
    }

    /** Settings for a given cluster address, with no client properties (the embedded broker). */
    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, Map.of());
    }

    public Map<String, Object> producerConfig() {
        return common();
    }

    public Map<String, Object> consumerConfig() {
        return common();
    }

    public Map<String, Object> adminConfig() {
        return common();
    }

    private Map<String, Object> common() {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** Secrets (passwords, JAAS configs, secrets, anything about keys) are shown as "[redacted]". */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        clientProperties.forEach((key, value) -> shown.put(key, isSecret(key) ? "[redacted]" : value));
        return "KafkaSettings[bootstrapServers=" + bootstrapServers + ", clientProperties=" + shown + "]";
    }

    private static boolean isSecret(String key) {
        // Broad on purpose: redacting ssl.keystore.location costs nothing, leaking a key passphrase does.
        return SECRET_WORDS.stream().anyMatch(key::contains);
    }
}
