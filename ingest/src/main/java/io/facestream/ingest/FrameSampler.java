package io.facestream.ingest;

/**
 * Picks frames for a target rate by their capture timestamps: a frame is taken when it reaches the
 * next slot of the grid {@code first + k / fps}, so a 25 fps source sampled at 5 fps sends every
 * fifth frame and a source slower than the target sends all its frames.
 */
public final class FrameSampler {
    // Timestamps are rounded to whole milliseconds or worse by containers: 99.99 ms counts as 100 ms.
    private static final long TOLERANCE_MICROS = 2_000;

    private final long intervalMicros;
    private long nextSlot = Long.MIN_VALUE;

    public FrameSampler(double fps) {
        if (!(fps > 0)) {
            throw new IllegalArgumentException("fps must be above 0, not " + fps);
        }
        this.intervalMicros = Math.round(1_000_000 / fps);
    }

    /** Whether the frame captured at {@code timestampMicros} is to be sent. */
    public boolean take(long timestampMicros) {
        if (nextSlot == Long.MIN_VALUE || timestampMicros < nextSlot - 10 * intervalMicros) {
            // First frame, or the stream's clock jumped back (a loop, a camera reboot): start a new grid.
            nextSlot = timestampMicros + intervalMicros;
            return true;
        }
        if (timestampMicros + TOLERANCE_MICROS < nextSlot) {
            return false;
        }
        nextSlot += intervalMicros;
        if (nextSlot + TOLERANCE_MICROS <= timestampMicros) {
            // After a gap, continue from this frame rather than sending a burst to catch up.
            nextSlot = timestampMicros + intervalMicros;
        }
        return true;
    }

    /** Forgets the grid, for a new connection whose timestamps start again. */
    public void reset() {
        nextSlot = Long.MIN_VALUE;
    }
}
