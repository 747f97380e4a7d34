package io.facestream.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The sink's own Prometheus meters: {@code facestream.sink.events.stored}, and
 * {@code facestream.sink.records.unreadable} (records of faces that are no face event: skipped here, and
 * sent to faces.dlq by the Streams application).
 */
public final class SinkMeters {
    private final Counter eventsStored;
    private final Counter unreadable;

    public SinkMeters(MeterRegistry registry) {
        eventsStored = Counter.builder("facestream.sink.events.stored").description("Face events written to the database")
                .register(registry);
        unreadable = Counter.builder("facestream.sink.records.unreadable")
                .description("Records of the faces topic that are no face event (to faces.dlq)").register(registry);
    }

    void stored(int events) {
        eventsStored.increment(events);
    }

    void unreadable() {
        unreadable.increment();
    }
}
