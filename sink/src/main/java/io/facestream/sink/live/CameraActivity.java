package io.facestream.sink.live;

import io.facestream.schemas.avro.FaceDetections;
import io.facestream.sink.people.FaceIdentities;
import io.facestream.schemas.avro.Frame;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the sink has lately seen of one camera: its last few frames (so a face event can be drawn over the frame it
 * was found in, which arrives before the event), its newest face event, and the capture times behind its fps.
 */
final class CameraActivity {
    /**
     * About 13 s at 5 frames/s: a frame must still be here when its event comes, and a worker detects a frame up to
     * its maximum frame age (10 s by default) after capture before it gives up on it.
     */
    static final int FRAMES_KEPT = 64;
    /** Frames can be large (4K JPEGs pass 5 MB): the kept ones stay under this many bytes per camera. */
    static final long FRAME_BYTES_KEPT = 4L * 1024 * 1024;
    private static final long FPS_WINDOW_MS = 5_000;
    /** Frames are announced on their own only while no event came for this long (the worker is behind or down)... */
    private static final long QUIET_MS = 2_000;
    /** ...and then at most once a second. */
    private static final long FRAME_ANNOUNCE_MS = 1_000;

    private final TreeMap<Long, byte[]> frames = new TreeMap<>();
    private long frameBytes;
    private final Deque<Long> captureTimes = new ArrayDeque<>();
    private LiveViews.Detection latest;
    private long lastDetectionAt;
    private long lastFrameAnnouncedAt;

    /** Keeps the frame; true when it should be announced: no event came lately, so the dashboard shows frames. */
    synchronized boolean frame(Frame frame, long nowMillis) {
        ByteBuffer data = frame.getData().duplicate();
        byte[] jpeg = new byte[data.remaining()];
        data.get(jpeg);
        if (!frames.isEmpty() && frame.getSequence() < frames.lastKey()) {
            // Sequences only grow within a run of the camera: a smaller one means ingest restarted it.
            frames.clear();
            frameBytes = 0;
        }
        byte[] replaced = frames.put(frame.getSequence(), jpeg);
        frameBytes += jpeg.length - (replaced == null ? 0 : replaced.length);
        while (frames.size() > FRAMES_KEPT || (frameBytes > FRAME_BYTES_KEPT && frames.size() > 1)) {
            frameBytes -= frames.pollFirstEntry().getValue().length;
        }
        if (nowMillis - lastDetectionAt < QUIET_MS || nowMillis - lastFrameAnnouncedAt < FRAME_ANNOUNCE_MS) {
            return false;
        }
        lastFrameAnnouncedAt = nowMillis;
        return true;
    }

    synchronized LiveViews.Detection detection(FaceDetections event, FaceIdentities identities, long nowMillis) {
        lastDetectionAt = nowMillis;
        long capture = event.getCaptureTime().toEpochMilli();
        captureTimes.addLast(capture);
        for (Iterator<Long> oldest = captureTimes.iterator(); oldest.hasNext(); ) {
            if (capture - oldest.next() > FPS_WINDOW_MS) {
                oldest.remove();
            }
        }
        latest = LiveViews.Detection.of(event, identities, fps(), frames.isEmpty() ? null : frames.lastKey());
        return latest;
    }

    private double fps() {
        if (captureTimes.size() < 2) {
            return 0;
        }
        long span = captureTimes.getLast() - captureTimes.getFirst();
        return span <= 0 ? 0 : Math.round((captureTimes.size() - 1) * 10_000.0 / span) / 10.0;
    }

    synchronized Optional<LiveViews.Detection> latest() {
        return Optional.ofNullable(latest);
    }

    /** The frame of {@code sequence} when still kept, else the newest frame (empty when there is none). */
    synchronized Optional<Map.Entry<Long, byte[]>> frame(Long sequence) {
        if (sequence != null && frames.containsKey(sequence)) {
            return Optional.of(Map.entry(sequence, frames.get(sequence)));
        }
        return Optional.ofNullable(frames.lastEntry());
    }
}
