package io.facestream.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts one camera's frames: Micrometer counters {@code ingest.frames.grabbed}, {@code .sent} and
 * {@code .dropped} tagged with the camera id, plus the totals of this run and the send rate for
 * status events.
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

    public CameraMeters(MeterRegistry registry, String cameraId) {
        this.grabbedCounter = counter(registry, "ingest.frames.grabbed", "Frames decoded from the camera", cameraId);
        this.sentCounter = counter(registry, "ingest.frames.sent", "Sampled frames acknowledged by Kafka", cameraId);
        this.droppedCounter = counter(registry, "ingest.frames.dropped",
                "Sampled frames dropped because Kafka or the network was slower than the camera", cameraId);
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
