package io.facestream.sink;

import io.facestream.schemas.EnvironmentVariable;
import io.facestream.recognition.Gallery;
import io.facestream.schemas.KafkaSettings;
import io.facestream.sink.alerts.AlertSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The sink's settings, from the environment; every one has a default that works for the local run.
 *
 * @param dataDir where the embedded database and the Kafka Streams state live ({@code SINK_DATA_DIR}, default {@code data/sink})
 * @param jdbcUrl a JDBC URL of an external database, PostgreSQL ({@code SINK_JDBC_URL}); empty: the embedded H2 database in {@code dataDir}
 * @param jdbcUser {@code SINK_JDBC_USER}
 * @param jdbcPassword {@code SINK_JDBC_PASSWORD}; never printed
 * @param httpPort the REST API's port ({@code SINK_HTTP_PORT}, default 8080; 0 picks a free one)
 * @param applicationId the Kafka Streams application id ({@code SINK_APPLICATION_ID}, default face-stream-sink)
 * @param retentionDays how long events and their face crops are kept, counted from their capture time
 *        ({@code SINK_RETENTION_DAYS}, default 30)
 * @param kafka how to reach Kafka ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code KAFKA_CLIENT_*})
 * @param httpHost the address the REST API and dashboard listen on ({@code SINK_HTTP_HOST}; default 0.0.0.0, all, with
 *        an API token, and 127.0.0.1 without one: an open API is reachable from other machines only when asked for)
 * @param apiToken the token every request but {@code /api/health} must carry, as {@code Authorization: Bearer} or as
 *        the password of HTTP Basic ({@code SINK_API_TOKEN}); empty: no access control. Never printed
 * @param alerts door-alert rules and delivery ({@code SINK_ALERT_*}, {@code SINK_WEBHOOK_*}, {@code SINK_MQTT_*})
 * @param jsonEvents whether the events of {@code faces} are also published as JSON on {@code faces.json}
 *        ({@code SINK_JSON_EVENTS}, default true)
 * @param allowLocalSources whether the API accepts cameras that ingest opens on its own machine (files, devices): only
 *        where ingest allows them too, as in the local run
 * @param matchThreshold the least cosine similarity to an enrolled face that names a stored face as that person
 *        ({@code SINK_MATCH_THRESHOLD}, default 0.6, as {@code face-stream identify})
 * @param storeEmbeddings whether every stored face keeps its embedding ({@code SINK_STORE_EMBEDDINGS}, default false:
 *        only who it was matched to is kept, as embeddings are biometric data)
 */
public record SinkConfig(Path dataDir, Optional<String> jdbcUrl, String jdbcUser, String jdbcPassword, int httpPort,
                         String applicationId, int retentionDays, KafkaSettings kafka, String httpHost,
                         Optional<String> apiToken, AlertSettings alerts, boolean jsonEvents,
                         boolean allowLocalSources, float matchThreshold, boolean storeEmbeddings) {
    public static final int DEFAULT_RETENTION_DAYS = 30;

    /** The sink's own variables, with their defaults; {@link #variables()} adds the alerts'. */
    private static final List<EnvironmentVariable> VARIABLES = List.of(
            new EnvironmentVariable("SINK_DATA_DIR", "data/sink", "embedded database, face crops and Kafka Streams state"),
            new EnvironmentVariable("SINK_JDBC_URL", "embedded H2", "a jdbc:postgresql: URL"),
            new EnvironmentVariable("SINK_JDBC_USER", "", "database user"),
            new EnvironmentVariable("SINK_JDBC_PASSWORD", "", "database password; never printed"),
            new EnvironmentVariable("SINK_HTTP_PORT", "8080", "port of the REST API, /api/health and /metrics; 0: any free port"),
            new EnvironmentVariable("SINK_APPLICATION_ID", "face-stream-sink", "the Kafka Streams application id"),
            new EnvironmentVariable("SINK_RETENTION_DAYS", "30", "days events and their crops are kept (1-36500)"),
            new EnvironmentVariable("SINK_HTTP_HOST", "0.0.0.0 with a token, else 127.0.0.1",
                    "address the HTTP server listens on"),
            new EnvironmentVariable("SINK_API_TOKEN", "none: open", "token every request but /api/health (and /metrics) "
                    + "must carry, as Bearer token or Basic password; at least 16 characters; never printed"),
            new EnvironmentVariable("SINK_JSON_EVENTS", "true", "also publish every face event as JSON on faces.json"),
            new EnvironmentVariable("SINK_MATCH_THRESHOLD", "0.6", "least cosine similarity (-1 to 1) to an enrolled "
                    + "face that names a face as that person"),
            new EnvironmentVariable("SINK_STORE_EMBEDDINGS", "false", "also store the embedding of every face, not "
                    + "only whom it matched (biometric data)"));

    /** What the sink reads from the environment: its own variables and the alerts'. */
    public static List<EnvironmentVariable> variables() {
        return Stream.concat(VARIABLES.stream(), AlertSettings.VARIABLES.stream()).toList();
    }

    public SinkConfig {
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("SINK_HTTP_PORT must be 0 to 65535, was " + httpPort);
        }
        if (applicationId.isBlank()) {
            throw new IllegalArgumentException("SINK_APPLICATION_ID must not be blank");
        }
        if (retentionDays < 1 || retentionDays > 36_500) {
            throw new IllegalArgumentException("SINK_RETENTION_DAYS must be 1 to 36500, was " + retentionDays);
        }
        if (httpHost.isBlank()) {
            throw new IllegalArgumentException("SINK_HTTP_HOST must not be blank");
        }
        apiToken.ifPresent(token -> {
            if (token.length() < 16 || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                throw new IllegalArgumentException("SINK_API_TOKEN must be at least 16 printable ASCII characters "
                        + "without spaces");
            }
        });
        if (!(matchThreshold >= -1 && matchThreshold <= 1)) {
            throw new IllegalArgumentException("SINK_MATCH_THRESHOLD must be a cosine similarity, -1 to 1, was "
                    + matchThreshold);
        }
        jdbcUrl.ifPresent(url -> {
            if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
                throw new IllegalArgumentException("SINK_JDBC_URL must be a jdbc:postgresql: (or jdbc:h2:) URL");
            }
        });
    }

    public static SinkConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static SinkConfig fromEnvironment(Map<String, String> env) {
        Optional<String> apiToken = apiToken(env.get("SINK_API_TOKEN"));
        return new SinkConfig(
                Path.of(text(env, "SINK_DATA_DIR", "data/sink")),
                Optional.ofNullable(env.get("SINK_JDBC_URL")).map(String::trim).filter(url -> !url.isEmpty()),
                text(env, "SINK_JDBC_USER", ""),
                env.getOrDefault("SINK_JDBC_PASSWORD", ""),
                integer(env, "SINK_HTTP_PORT", 8080),
                text(env, "SINK_APPLICATION_ID", "face-stream-sink"),
                integer(env, "SINK_RETENTION_DAYS", DEFAULT_RETENTION_DAYS),
                KafkaSettings.fromEnvironment(env),
                text(env, "SINK_HTTP_HOST", apiToken.isPresent() ? "0.0.0.0" : "127.0.0.1"),
                apiToken,
                AlertSettings.fromEnvironment(env),
                bool(env, "SINK_JSON_EVENTS", true),
                false,
                decimal(env, "SINK_MATCH_THRESHOLD", Gallery.DEFAULT_THRESHOLD),
                bool(env, "SINK_STORE_EMBEDDINGS", false));
    }

    /** Unset or empty: none. Only spaces are a mistake, not a wish for an open API. */
    private static Optional<String> apiToken(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException("SINK_API_TOKEN is blank: set a token of at least 16 characters, or "
                    + "leave the variable unset for an open API on 127.0.0.1");
        }
        return Optional.of(value.trim());
    }

    /**
     * These settings with the data in {@code dataDir}, the API on {@code httpPort} and Kafka at {@code kafka}. Without
     * an API token the API is open, so the local run listens on this machine only. Its ingest opens files and devices
     * (the demo camera is a file), so its API accepts them.
     */
    public SinkConfig forLocalRun(Path dataDir, int httpPort, KafkaSettings kafka) {
        return new SinkConfig(dataDir, jdbcUrl, jdbcUser, jdbcPassword, httpPort, applicationId, retentionDays, kafka,
                apiToken.isPresent() ? httpHost : "127.0.0.1", apiToken, alerts, jsonEvents, true, matchThreshold, storeEmbeddings);
    }

    /** The database the sink writes to: the configured URL, or the embedded H2 file database in the data directory. */
    public String effectiveJdbcUrl() {
        return jdbcUrl.orElseGet(() -> JdbcEventStore.embeddedUrl(dataDir.resolve("db")));
    }

    private static String text(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        String value = text(env, name, Boolean.toString(fallback)).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, was '" + value + "'");
        };
    }

    private static float decimal(Map<String, String> env, String name, float fallback) {
        String value = text(env, name, Float.toString(fallback));
        try {
            return Float.parseFloat(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number such as 0.6, was '" + value + "'");
        }
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        return wholeNumber(name, env.get(name), fallback);
    }

    /** {@code value} as a whole number, {@code fallback} when absent; the error names {@code name}. */
    public static int wholeNumber(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }

    @Override
    public String toString() {
        // The URL may carry a password as a parameter; only its scheme is shown.
        return "SinkConfig[dataDir=" + dataDir + ", database=" + jdbcUrl.map(url -> url.substring(0, url.indexOf(':', 5)))
                .orElse("embedded H2") + ", jdbcUser=" + jdbcUser + ", httpPort=" + httpPort + ", applicationId="
                + applicationId + ", retentionDays=" + retentionDays + ", kafka=" + kafka + ", httpHost=" + httpHost
                + ", apiToken=" + (apiToken.isPresent() ? "[set]" : "none") + ", alerts=" + alerts + ", jsonEvents="
                + jsonEvents + ", allowLocalSources=" + allowLocalSources + ", matchThreshold=" + matchThreshold
                + ", storeEmbeddings=" + storeEmbeddings + "]";
    }
}
