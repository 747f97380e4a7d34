package io.facestream.sink.alerts;

import io.facestream.schemas.EnvironmentVariable;
import io.facestream.sink.SinkConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sink's alert settings, from the environment.
 *
 * @param defaultRule the rules of a camera whose config has none ({@code SINK_ALERT_MIN_SCORE} 0.9,
 *        {@code SINK_ALERT_MIN_FACE_SIZE} 40, {@code SINK_ALERT_PRESENT_FRAMES} 3, {@code SINK_ALERT_WINDOW_FRAMES} 5,
 *        {@code SINK_ALERT_GONE_AFTER_MS} 3000, {@code SINK_ALERT_NOTIFY} everyone)
 * @param silence an open episode also ends when the camera has sent no frame at all for this long, by the wall clock
 *        ({@code SINK_ALERT_SILENCE_MS}, 10000, and at least the rule's gone-after time): long enough that a pipeline
 *        running late (frames arrive in bursts) does not end episodes early; frames older than the workers' maximum
 *        age (10 s) are skipped, not examined, anyway
 * @param webhookUrl where alerts are POSTed as JSON ({@code SINK_WEBHOOK_URL}); empty: no webhook. May hold a token:
 *        never printed
 * @param webhookSecret the HMAC-SHA256 key of the {@code X-FaceStream-Signature} header ({@code SINK_WEBHOOK_SECRET});
 *        empty: unsigned. Never printed
 * @param webhookAttempts attempts per alert before it counts as failed ({@code SINK_WEBHOOK_MAX_ATTEMPTS}, 5)
 * @param webhookBackoff the wait after the first failed attempt, doubled after each ({@code SINK_WEBHOOK_BACKOFF_MS}, 500)
 * @param webhookTimeout how long one attempt may take ({@code SINK_WEBHOOK_TIMEOUT_MS}, 5000)
 * @param mqttUrl the MQTT broker, e.g. tcp://127.0.0.1:1883 ({@code SINK_MQTT_URL}); empty: no MQTT
 * @param mqttUser {@code SINK_MQTT_USER}
 * @param mqttPassword {@code SINK_MQTT_PASSWORD}; never printed
 * @param mqttTopicPrefix alerts go to {@code <prefix>/<cameraId>} ({@code SINK_MQTT_TOPIC_PREFIX}, face-stream/alerts)
 */
public record AlertSettings(AlertRule defaultRule, Duration silence, Optional<URI> webhookUrl, String webhookSecret, int webhookAttempts,
                            Duration webhookBackoff, Duration webhookTimeout, Optional<String> mqttUrl, String mqttUser,
                            String mqttPassword, String mqttTopicPrefix) {

    /** The variables {@link #fromEnvironment(Map)} reads, with their defaults. */
    public static final List<EnvironmentVariable> VARIABLES = List.of(
            new EnvironmentVariable("SINK_ALERT_MIN_SCORE", "0.9", "a face counts for alerts from this score"),
            new EnvironmentVariable("SINK_ALERT_MIN_FACE_SIZE", "40", "... and this many pixels on its box's shorter side"),
            new EnvironmentVariable("SINK_ALERT_PRESENT_FRAMES", "3", "FACE_PRESENT when this many of the last n frames"),
            new EnvironmentVariable("SINK_ALERT_WINDOW_FRAMES", "5", "... (n, at most 64) hold a face that counts"),
            new EnvironmentVariable("SINK_ALERT_GONE_AFTER_MS", "3000", "FACE_GONE after this long without one"),
            new EnvironmentVariable("SINK_ALERT_NOTIFY", "everyone", "whose episodes raise alerts: everyone, unknown "
                    + "(faces the gallery does not name) or known"),
            new EnvironmentVariable("SINK_ALERT_SILENCE_MS", "10000", "FACE_GONE by the wall clock after this long "
                    + "without any frame"),
            new EnvironmentVariable("SINK_WEBHOOK_URL", "none", "POST each alert as JSON here"),
            new EnvironmentVariable("SINK_WEBHOOK_SECRET", "none", "HMAC-SHA256 key of X-FaceStream-Signature; never "
                    + "printed"),
            new EnvironmentVariable("SINK_WEBHOOK_MAX_ATTEMPTS", "5", "attempts per alert"),
            new EnvironmentVariable("SINK_WEBHOOK_BACKOFF_MS", "500", "wait after the first failed attempt, doubling"),
            new EnvironmentVariable("SINK_WEBHOOK_TIMEOUT_MS", "5000", "time one attempt may take"),
            new EnvironmentVariable("SINK_MQTT_URL", "none", "MQTT broker for alerts, e.g. tcp://host:1883"),
            new EnvironmentVariable("SINK_MQTT_USER", "", "MQTT user"),
            new EnvironmentVariable("SINK_MQTT_PASSWORD", "", "MQTT password; never printed"),
            new EnvironmentVariable("SINK_MQTT_TOPIC_PREFIX", "face-stream/alerts", "alerts go to <prefix>/<cameraId>"));

    public AlertSettings {
        if (silence.isNegative()) {
            throw new IllegalArgumentException("SINK_ALERT_SILENCE_MS must not be negative");
        }
        if (webhookAttempts < 1) {
            throw new IllegalArgumentException("SINK_WEBHOOK_MAX_ATTEMPTS must be at least 1, was " + webhookAttempts);
        }
        if (webhookBackoff.isNegative()) {
            throw new IllegalArgumentException("SINK_WEBHOOK_BACKOFF_MS must not be negative");
        }
        if (webhookTimeout.isNegative() || webhookTimeout.isZero()) {
            throw new IllegalArgumentException("SINK_WEBHOOK_TIMEOUT_MS must be positive");
        }
        if (mqttTopicPrefix.isBlank() || mqttTopicPrefix.contains("#") || mqttTopicPrefix.contains("+")) {
            throw new IllegalArgumentException("SINK_MQTT_TOPIC_PREFIX must be a topic without wildcards, was '"
                    + mqttTopicPrefix + "'");
        }
        mqttUrl.ifPresent(url -> {
            if (!url.startsWith("tcp://") && !url.startsWith("ssl://") && !url.startsWith("ws://")
                    && !url.startsWith("wss://")) {
                throw new IllegalArgumentException("SINK_MQTT_URL must start with tcp://, ssl://, ws:// or wss://");
            }
        });
    }

    /** The defaults of every setting: no webhook, no MQTT. */
    public static AlertSettings defaults() {
        return fromEnvironment(Map.of());
    }

    public static AlertSettings fromEnvironment(Map<String, String> env) {
        return new AlertSettings(defaultRule(env), millis(env, "SINK_ALERT_SILENCE_MS", 10_000), webhook(env), env.getOrDefault("SINK_WEBHOOK_SECRET", ""),
                SinkConfig.wholeNumber("SINK_WEBHOOK_MAX_ATTEMPTS", env.get("SINK_WEBHOOK_MAX_ATTEMPTS"), 5),
                millis(env, "SINK_WEBHOOK_BACKOFF_MS", 500), millis(env, "SINK_WEBHOOK_TIMEOUT_MS", 5000),
                text(env, "SINK_MQTT_URL"), text(env, "SINK_MQTT_USER").orElse(""),
                env.getOrDefault("SINK_MQTT_PASSWORD", ""),
                text(env, "SINK_MQTT_TOPIC_PREFIX").orElse("face-stream/alerts").replaceAll("/+$", ""));
    }

    private static AlertRule defaultRule(Map<String, String> env) {
        double minScore = decimal(env, "SINK_ALERT_MIN_SCORE", 0.9);
        int minFaceSize = SinkConfig.wholeNumber("SINK_ALERT_MIN_FACE_SIZE", env.get("SINK_ALERT_MIN_FACE_SIZE"), 40);
        int present = SinkConfig.wholeNumber("SINK_ALERT_PRESENT_FRAMES", env.get("SINK_ALERT_PRESENT_FRAMES"), 3);
        int window = SinkConfig.wholeNumber("SINK_ALERT_WINDOW_FRAMES", env.get("SINK_ALERT_WINDOW_FRAMES"), 5);
        Duration goneAfter = millis(env, "SINK_ALERT_GONE_AFTER_MS", 3000);
        Notify notify = Notify.parse("SINK_ALERT_NOTIFY", text(env, "SINK_ALERT_NOTIFY").orElse("everyone"));
        try {
            return new AlertRule(minScore, minFaceSize, present, window, goneAfter, true, false, notify, List.of());
        } catch (IllegalArgumentException e) {
            // The rule names its field (windowFrames); the variable is what a user sets.
            throw new IllegalArgumentException(variableOf(e.getMessage()) + ": " + e.getMessage(), e);
        }
    }

    private static String variableOf(String problem) {
        if (problem.startsWith("minScore")) {
            return "SINK_ALERT_MIN_SCORE";
        } else if (problem.startsWith("minFaceSize")) {
            return "SINK_ALERT_MIN_FACE_SIZE";
        } else if (problem.startsWith("presentFrames")) {
            return "SINK_ALERT_PRESENT_FRAMES";
        } else if (problem.startsWith("windowFrames")) {
            return "SINK_ALERT_WINDOW_FRAMES";
        }
        return "SINK_ALERT_GONE_AFTER_MS";
    }

    private static Optional<URI> webhook(Map<String, String> env) {
        return text(env, "SINK_WEBHOOK_URL").map(value -> {
            try {
                URI uri = new URI(value);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new URISyntaxException("", "");
                }
                return uri;
            } catch (URISyntaxException e) {
                // The value itself may hold a token: it is not repeated.
                throw new IllegalArgumentException("SINK_WEBHOOK_URL must be an http:// or https:// URL with a host");
            }
        });
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static Duration millis(Map<String, String> env, String name, int fallback) {
        return Duration.ofMillis(SinkConfig.wholeNumber(name, env.get(name), fallback));
    }

    private static double decimal(Map<String, String> env, String name, double fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number such as 0.9, was '" + value + "'");
        }
    }

    /** Where the webhook and MQTT broker are, without URL paths, queries or any secret. */
    @Override
    public String toString() {
        return "AlertSettings[defaultRule=" + defaultRule + ", silence=" + silence + ", webhook=" + webhookUrl.map(AlertSettings::origin).orElse("none")
                + ", signed=" + !webhookSecret.isEmpty() + ", webhookAttempts=" + webhookAttempts + ", mqtt="
                + mqttUrl.map(url -> origin(URI.create(url))).orElse("none") + ", mqttTopicPrefix=" + mqttTopicPrefix + "]";
    }

    /** Scheme, host and port of a URL: what a log may show of it. */
    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
