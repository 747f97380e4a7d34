package io.facestream.sink.alerts;

import io.facestream.schemas.avro.AlertType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Alerts raised by type ({@code facestream_alerts_raised_total{type}}) and deliveries by channel and outcome
 * ({@code facestream_alert_deliveries_total{channel=store|webhook|mqtt, outcome=ok|failed}}).
 */
public final class AlertMetrics {
    static final String RAISED = "facestream.alerts.raised";
    static final String DELIVERIES = "facestream.alert.deliveries";

    private final MeterRegistry registry;

    public AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counted when the stream task raises it; a task retried after a failure may count an alert twice. */
    void raised(AlertType type) {
        Counter.builder(RAISED).description("Alerts raised by the sink's rules").tag("type", type.name())
                .register(registry).increment();
    }

    void delivered(String channel, boolean ok) {
        Counter.builder(DELIVERIES).description("Alert deliveries by channel and outcome").tag("channel", channel)
                .tag("outcome", ok ? "ok" : "failed").register(registry).increment();
    }
}
