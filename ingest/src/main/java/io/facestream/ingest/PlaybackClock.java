package io.facestream.ingest;

import java.util.concurrent.TimeUnit;

/**
 * Paces a file to its own timestamps, as a camera would deliver it: FFmpeg decodes a file far
 * faster than real time, and a looping demo file would otherwise flood Kafka.
 */
final class PlaybackClock {
    private long startNanos;
    private long firstTimestampMicros;
    private boolean started;

    /** Waits until the frame stamped {@code timestampMicros} is due. */
    void awaitFrame(long timestampMicros) throws InterruptedException {
        if (!started || timestampMicros < firstTimestampMicros) {
            started = true;
            startNanos = System.nanoTime();
            firstTimestampMicros = timestampMicros;
            return;
        }
        long dueNanos = startNanos + TimeUnit.MICROSECONDS.toNanos(timestampMicros - firstTimestampMicros);
        long waitNanos = dueNanos - System.nanoTime();
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }

    void reset() {
        started = false;
    }
}
