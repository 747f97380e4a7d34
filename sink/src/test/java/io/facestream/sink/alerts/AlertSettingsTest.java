package io.facestream.sink.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facestream.sink.SinkConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertSettingsTest {
    @Test
    void anEmptyEnvironmentGivesTheDefaultRuleAndNoWebhookOrMqtt() {
        AlertSettings settings = SinkConfig.fromEnvironment(Map.of()).alerts();

        assertThat(settings.defaultRule()).isEqualTo(new AlertRule(0.9, 40, 3, 5, Duration.ofSeconds(3), true, false,
                Notify.EVERYONE, List.of()));
        assertThat(settings.webhookUrl()).isEmpty();
        assertThat(settings.mqttUrl()).isEmpty();
        assertThat(settings.webhookAttempts()).isEqualTo(5);
        assertThat(settings.silence()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.mqttTopicPrefix()).isEqualTo("face-stream/alerts");
    }

    @Test
    void variablesSetTheDefaultRuleAndDelivery() {
        AlertSettings settings = AlertSettings.fromEnvironment(Map.of("SINK_ALERT_MIN_SCORE", "0.95",
                "SINK_ALERT_MIN_FACE_SIZE", "60", "SINK_ALERT_PRESENT_FRAMES", "2", "SINK_ALERT_WINDOW_FRAMES", "4",
                "SINK_ALERT_GONE_AFTER_MS", "1500", "SINK_WEBHOOK_URL", "https://hooks.example/door?token=abc123",
                "SINK_WEBHOOK_SECRET", "hunter2", "SINK_MQTT_URL", "tcp://mqtt:1883", "SINK_MQTT_PASSWORD", "pw42",
                "SINK_MQTT_TOPIC_PREFIX", "site-a/alerts/"));

        assertThat(settings.defaultRule()).isEqualTo(new AlertRule(0.95, 60, 2, 4, Duration.ofMillis(1500), true,
                false, Notify.EVERYONE, List.of()));
        assertThat(settings.webhookUrl()).hasValueSatisfying(url -> assertThat(url.getHost()).isEqualTo("hooks.example"));
        assertThat(settings.mqttTopicPrefix()).isEqualTo("site-a/alerts");
        assertThat(AlertSettings.fromEnvironment(Map.of("SINK_ALERT_NOTIFY", "Unknown")).defaultRule().notifyOf())
                .isEqualTo(Notify.UNKNOWN);
        assertThat(SinkConfig.fromEnvironment(Map.of("SINK_WEBHOOK_URL", "https://hooks.example/door?token=abc123",
                "SINK_WEBHOOK_SECRET", "hunter2", "SINK_MQTT_PASSWORD", "pw42")).toString())
                .contains("https://hooks.example").doesNotContain("abc123").doesNotContain("hunter2")
                .doesNotContain("pw42");
    }

    @Test
    void badValuesNameTheirVariable() {
        Map<String, String> bad = Map.of("SINK_ALERT_MIN_SCORE", "high", "SINK_ALERT_MIN_FACE_SIZE", "-1",
                "SINK_ALERT_PRESENT_FRAMES", "6", "SINK_ALERT_WINDOW_FRAMES", "65", "SINK_ALERT_GONE_AFTER_MS", "0",
                "SINK_WEBHOOK_URL", "ftp://x/y", "SINK_WEBHOOK_MAX_ATTEMPTS", "0", "SINK_MQTT_URL", "mqtt.local:1883",
                "SINK_MQTT_TOPIC_PREFIX", "alerts/#", "SINK_ALERT_SILENCE_MS", "-5");
        bad.forEach((name, value) -> assertThatThrownBy(() -> SinkConfig.fromEnvironment(Map.of(name, value)))
                .as(name).hasMessageContaining(name));
        assertThatThrownBy(() -> SinkConfig.fromEnvironment(Map.of("SINK_ALERT_NOTIFY", "strangers")))
                .hasMessage("SINK_ALERT_NOTIFY must be one of everyone, unknown, known, was 'strangers'");
        assertThatThrownBy(() -> AlertSettings.fromEnvironment(Map.of("SINK_WEBHOOK_URL", "http://?token=abc123")))
                .hasMessageNotContaining("abc123");
    }
}
