package io.facestream.sink.alerts;

import io.facestream.schemas.avro.AlertType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * Alerts raised by type ({@code facestream_alerts_raised_total{type}}) and deliveries by channel and outcome
 * ({@code facestream_alert_deliveries_total{channel=store|webhook|mqtt, outcome=ok|failed}}).
 */
public final class AlertMetrics {
    static final String RAISED = "facestream.alerts.raised";
    static final String DELIVERIES = "facestream.alert.deliveries";

    private static final List<String> CHANNELS = List.of("store", "webhook", "mqtt");

    private final MeterRegistry registry;

    /** Registers every counter at zero, so dashboards and rate() see a series before the first alert. */
    public AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (AlertType type : AlertType.values()) {
            raisedCounter(type);
        }
        for (String channel : CHANNELS) {
            deliveryCounter(channel, true);
            deliveryCounter(channel, false);
        }
    }

    /** Counted when the stream task raises it; a task retried after a failure may count an alert twice. */
    void raised(AlertType type) {
        raisedCounter(type).increment();
    }

    void delivered(String channel, boolean ok) {
        deliveryCounter(channel, ok).increment();
    }

    private Counter raisedCounter(AlertType type) {
        return Counter.builder(RAISED).description("Alerts raised by the sink's rules").tag("type", type.name())
                .register(registry);
    }

    private Counter deliveryCounter(String channel, boolean ok) {
        return Counter.builder(DELIVERIES).description("Alert deliveries by channel and outcome").tag("channel", channel)
                .tag("outcome", ok ? "ok" : "failed").register(registry);
    }
}
