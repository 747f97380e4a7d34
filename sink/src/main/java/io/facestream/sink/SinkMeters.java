package io.facestream.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The sink's own Prometheus meters: {@code facestream.sink.events.stored}. */
public final class SinkMeters {
    private final Counter eventsStored;

    public SinkMeters(MeterRegistry registry) {
        eventsStored = Counter.builder("facestream.sink.events.stored").description("Face events written to the database")
                .register(registry);
    }

    /** Meters that go nowhere, for sinks nobody scrapes (tests). */
    static SinkMeters unread() {
        return new SinkMeters(new SimpleMeterRegistry());
    }

    void stored(int events) {
        eventsStored.increment(events);
    }
}
