package io.facestream.ingest;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * A camera's stall deadline: no frame for the stall timeout since the last one (or since the connection opened).
 * Checked from a thread of its own, because the grabbing thread can stay inside FFmpeg well past it: a hung camera
 * holds a read until the socket timeout fails it twice over. The stall is reported once per connection, when the
 * deadline passes, whichever thread sees it first.
 */
final class StallWatchdog implements AutoCloseable {
    private static final ScheduledExecutorService CHECKS = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "stall-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final long timeoutNanos;
    private final Runnable onStall;
    private final ScheduledFuture<?> checks;
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile long lastFrameNanos;
    private volatile boolean armed;

    StallWatchdog(Duration timeout, Runnable onStall) {
        this.timeoutNanos = timeout.toNanos();
        this.onStall = onStall;
        long period = Math.max(20, timeout.toMillis() / 20);
        this.checks = CHECKS.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** "stalled: no frame for 10 s", for a timeout of 10 s. */
    static String reason(Duration timeout) {
        return "stalled: no frame for " + BigDecimal.valueOf(timeout.toMillis(), 3).stripTrailingZeros().toPlainString()
                + " s";
    }

    /** A connection opened: the deadline runs from now. */
    void arm() {
        lastFrameNanos = System.nanoTime();
        reported.set(false);
        armed = true;
    }

    void frameArrived() {
        lastFrameNanos = System.nanoTime();
    }

    /** The connection ended. */
    void disarm() {
        armed = false;
    }

    /**
     * Whether the deadline has passed, reporting the stall if the periodic check has not yet. For the grabbing thread
     * when a read returns: whatever the read returned, the connection is to be dropped.
     */
    boolean expired() {
        if (!armed || System.nanoTime() - lastFrameNanos < timeoutNanos) {
            return false;
        }
        report();
        return true;
    }

    private void check() {
        try {
            if (armed && System.nanoTime() - lastFrameNanos >= timeoutNanos) {
                report();
            }
        } catch (RuntimeException e) {
            // An exception would end the periodic check for good; the report is retried at the next connection.
            LoggerFactory.getLogger(StallWatchdog.class).warn("stall report failed: {}", e.toString());
        }
    }

    private void report() {
        if (reported.compareAndSet(false, true)) {
            onStall.run();
        }
    }

    @Override
    public void close() {
        armed = false;
        checks.cancel(false);
    }
}
