package io.facestream.ingest;

import io.facestream.schemas.EnvironmentVariable;
import io.facestream.schemas.KafkaSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one ingest instance, from the environment, with defaults that work for the local
 * run. {@link #fromEnvironment(Map)} names the variable and the accepted values of a bad setting.
 *
 * @param instanceId     INGEST_INSTANCE_ID: reported in camera status events (default hostname-pid)
 * @param camerasFile    INGEST_CAMERAS_FILE: YAML camera list published at start (default none)
 * @param groupId        INGEST_GROUP_ID: the consumer group the instances share cameras in
 * @param queueSize      INGEST_QUEUE_SIZE: encoded frames kept per camera while Kafka is slower (1 to 1000, default 4)
 * @param maxInFlight    INGEST_MAX_IN_FLIGHT: unacknowledged frames per camera (1 to 1000, default 8)
 * @param statusInterval INGEST_STATUS_INTERVAL_MS: how often a streaming camera reports (default 5000)
 * @param backoffInitial INGEST_BACKOFF_INITIAL_MS: first reconnect delay (default 500)
 * @param backoffMax     INGEST_BACKOFF_MAX_MS: longest reconnect delay (default 30000)
 * @param httpPort       INGEST_HTTP_PORT: port of /health and /metrics of the ingest command (default 8082; 0: none)
 * @param kafka          KAFKA_BOOTSTRAP_SERVERS and KAFKA_CLIENT_* (see {@link KafkaSettings})
 * @param allowLocalSources INGEST_ALLOW_LOCAL_SOURCES: whether cameras may be files, devices and other non-network
 *                       URLs (default false: whoever can write the cameras topic could have ingest read this machine)
 * @param cameraSecrets  CAMERA_SECRET_*: values for the placeholders of camera URLs (see {@link CameraSecrets})
 */
public record IngestConfig(String instanceId, Optional<Path> camerasFile, String groupId, int queueSize,
                           int maxInFlight, Duration statusInterval, Duration backoffInitial, Duration backoffMax,
                           int httpPort, KafkaSettings kafka, boolean allowLocalSources, CameraSecrets cameraSecrets) {

    /** The variables {@link #fromEnvironment(Map)} reads, with their defaults. */
    public static final List<EnvironmentVariable> VARIABLES = List.of(
            new EnvironmentVariable("INGEST_CAMERAS_FILE", "", "YAML camera list published to the cameras topic at start"),
            new EnvironmentVariable("INGEST_INSTANCE_ID", "host-pid", "this instance's name in camera status events"),
            new EnvironmentVariable("INGEST_GROUP_ID", "face-stream-ingest", "consumer group the instances share cameras in"),
            new EnvironmentVariable("INGEST_QUEUE_SIZE", "4", "frames kept per camera while Kafka is slower (1-1000)"),
            new EnvironmentVariable("INGEST_MAX_IN_FLIGHT", "8", "unacknowledged frames per camera (1-1000)"),
            new EnvironmentVariable("INGEST_STATUS_INTERVAL_MS", "5000", "how often a streaming camera reports"),
            new EnvironmentVariable("INGEST_BACKOFF_INITIAL_MS", "500", "first reconnect delay"),
            new EnvironmentVariable("INGEST_BACKOFF_MAX_MS", "30000", "longest reconnect delay"),
            new EnvironmentVariable("INGEST_HTTP_PORT", "8082", "port of /health and /metrics; 0: none"),
            new EnvironmentVariable("INGEST_ALLOW_LOCAL_SOURCES", "false",
                    "true: cameras may also be files, /dev/video devices and other non-network URLs"),
            new EnvironmentVariable(CameraSecrets.PREFIX + "*", "",
                    "values of ${" + CameraSecrets.PREFIX + "...} placeholders in camera URLs; never printed"));

    public IngestConfig {
        require(instanceId != null && !instanceId.isBlank(), "INGEST_INSTANCE_ID", "a non-empty name");
        require(groupId != null && !groupId.isBlank(), "INGEST_GROUP_ID", "a non-empty consumer group id");
        require(queueSize >= 1 && queueSize <= 1000, "INGEST_QUEUE_SIZE", "a whole number from 1 to 1000");
        require(maxInFlight >= 1 && maxInFlight <= 1000, "INGEST_MAX_IN_FLIGHT", "a whole number from 1 to 1000");
        require(statusInterval.toMillis() >= 100, "INGEST_STATUS_INTERVAL_MS", "milliseconds, at least 100");
        require(backoffInitial.toMillis() >= 10, "INGEST_BACKOFF_INITIAL_MS", "milliseconds, at least 10");
        require(httpPort >= 0 && httpPort <= 65535, "INGEST_HTTP_PORT", "a port from 0 (none) to 65535");
        require(backoffMax.compareTo(backoffInitial) >= 0, "INGEST_BACKOFF_MAX_MS",
                "milliseconds, at least INGEST_BACKOFF_INITIAL_MS (" + backoffInitial.toMillis() + ")");
    }

    public static IngestConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static IngestConfig fromEnvironment(Map<String, String> env) {
        String file = env.getOrDefault("INGEST_CAMERAS_FILE", "").trim();
        return new IngestConfig(
                text(env, "INGEST_INSTANCE_ID", defaultInstanceId()),
                file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file)),
                text(env, "INGEST_GROUP_ID", "face-stream-ingest"),
                (int) number(env, "INGEST_QUEUE_SIZE", 4, "a whole number from 1 to 1000"),
                (int) number(env, "INGEST_MAX_IN_FLIGHT", 8, "a whole number from 1 to 1000"),
                Duration.ofMillis(number(env, "INGEST_STATUS_INTERVAL_MS", 5000, "milliseconds, at least 100")),
                Duration.ofMillis(number(env, "INGEST_BACKOFF_INITIAL_MS", 500, "milliseconds, at least 10")),
                Duration.ofMillis(number(env, "INGEST_BACKOFF_MAX_MS", 30_000, "milliseconds")),
                (int) number(env, "INGEST_HTTP_PORT", 8082, "a port from 0 (none) to 65535"),
                KafkaSettings.fromEnvironment(env),
                bool(env, "INGEST_ALLOW_LOCAL_SOURCES"),
                CameraSecrets.fromEnvironment(env));
    }

    /**
     * The local defaults, against the given cluster: what tests and the local run start from. Files and devices are
     * allowed, as the local run's demo camera is a file.
     */
    public static IngestConfig forCluster(String bootstrapServers) {
        return fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers, "INGEST_ALLOW_LOCAL_SOURCES", "true"));
    }

    public IngestConfig withInstanceId(String id) {
        return new IngestConfig(id, camerasFile, groupId, queueSize, maxInFlight, statusInterval, backoffInitial,
                backoffMax, httpPort, kafka, allowLocalSources, cameraSecrets);
    }

    public IngestConfig withGroupId(String group) {
        return new IngestConfig(instanceId, camerasFile, group, queueSize, maxInFlight, statusInterval, backoffInitial,
                backoffMax, httpPort, kafka, allowLocalSources, cameraSecrets);
    }

    public IngestConfig withCamerasFile(Path file) {
        return new IngestConfig(instanceId, Optional.ofNullable(file), groupId, queueSize, maxInFlight, statusInterval,
                backoffInitial, backoffMax, httpPort, kafka, allowLocalSources, cameraSecrets);
    }

    public IngestConfig withStatusInterval(Duration interval) {
        return new IngestConfig(instanceId, camerasFile, groupId, queueSize, maxInFlight, interval, backoffInitial,
                backoffMax, httpPort, kafka, allowLocalSources, cameraSecrets);
    }

    public IngestConfig withBackoff(Duration initial, Duration max) {
        return new IngestConfig(instanceId, camerasFile, groupId, queueSize, maxInFlight, statusInterval, initial,
                max, httpPort, kafka, allowLocalSources, cameraSecrets);
    }

    public IngestConfig withAllowLocalSources(boolean allow) {
        return new IngestConfig(instanceId, camerasFile, groupId, queueSize, maxInFlight, statusInterval, backoffInitial,
                backoffMax, httpPort, kafka, allow, cameraSecrets);
    }

    private static boolean bool(Map<String, String> env, String name) {
        String value = env.getOrDefault(name, "").trim();
        if (value.isEmpty() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException(name + "='" + value + "' is not valid: expected true or false");
    }

    private static String text(Map<String, String> env, String name, String fallback) {
        String value = env.getOrDefault(name, "").trim();
        return value.isEmpty() ? fallback : value;
    }

    private static long number(Map<String, String> env, String name, long fallback, String accepted) {
        String value = env.getOrDefault(name, "").trim();
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "='" + value + "' is not valid: expected " + accepted);
        }
    }

    private static void require(boolean valid, String variable, String accepted) {
        if (!valid) {
            throw new IllegalArgumentException(variable + " is not valid: expected " + accepted);
        }
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("ingest");
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
