package io.facestream.ingest;

import io.facestream.schemas.avro.CameraState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts one camera's frames: Micrometer counters {@code facestream.ingest.frames.grabbed} (frames in),
 * {@code .sent} (out) and {@code .dropped} tagged with the camera id, plus the totals of this run and the
 * send rate for status events; and the camera's state as the gauge {@code facestream.ingest.camera.state}
 * (one series per state, 1 for the current one), removed when the camera stops running here.
 */
public final class CameraMeters {
    private static final long FPS_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Counter grabbedCounter;
    private final Counter sentCounter;
    private final Counter droppedCounter;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final ArrayDeque<Long> recentSends = new ArrayDeque<>();
    private final long startNanos = System.nanoTime();
    private final MeterRegistry registry;
    private final AtomicReference<CameraState> state = new AtomicReference<>(CameraState.CONNECTING);
    private final List<Gauge> stateGauges = new ArrayList<>();

    public CameraMeters(MeterRegistry registry, String cameraId) {
        this.registry = registry;
        this.grabbedCounter = counter(registry, "facestream.ingest.frames.grabbed", "Frames decoded from the camera",
                cameraId);
        this.sentCounter = counter(registry, "facestream.ingest.frames.sent", "Sampled frames acknowledged by Kafka",
                cameraId);
        this.droppedCounter = counter(registry, "facestream.ingest.frames.dropped",
                "Sampled frames dropped because Kafka or the network was slower than the camera", cameraId);
        for (CameraState each : CameraState.values()) {
            stateGauges.add(Gauge.builder("facestream.ingest.camera.state", state, current -> current.get() == each ? 1 : 0)
                    .description("1 for the camera's current state").tag("camera", cameraId)
                    .tag("state", each.name().toLowerCase(Locale.ROOT)).strongReference(true).register(registry));
        }
    }

    void state(CameraState newState) {
        state.set(newState);
    }

    /** Removes the state gauges: the camera no longer runs on this instance (another may take it). */
    void close() {
        stateGauges.forEach(registry::remove);
    }

    private static Counter counter(MeterRegistry registry, String name, String description, String cameraId) {
        return Counter.builder(name).description(description).tag("camera", cameraId).register(registry);
    }

    void grabbed() {
        grabbedCounter.increment();
    }

    void sent() {
        sentCounter.increment();
        sent.incrementAndGet();
        long now = System.nanoTime();
        synchronized (recentSends) {
            recentSends.addLast(now);
            trim(now);
        }
    }

    void dropped() {
        droppedCounter.increment();
        dropped.incrementAndGet();
    }

    public long framesSent() {
        return sent.get();
    }

    public long framesDropped() {
        return dropped.get();
    }

    /** Frames sent per second over the last few seconds. */
    public double measuredFps() {
        long now = System.nanoTime();
        synchronized (recentSends) {
            trim(now);
            long window = Math.min(FPS_WINDOW_NANOS, now - startNanos);
            return window <= 0 ? 0 : recentSends.size() * 1e9 / window;
        }
    }

    private void trim(long now) {
        while (!recentSends.isEmpty() && now - recentSends.peekFirst() > FPS_WINDOW_NANOS) {
            recentSends.removeFirst();
        }
    }
}
