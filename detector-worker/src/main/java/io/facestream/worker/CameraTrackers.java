package io.facestream.worker;

import io.facestream.cascade.Face;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.RgbImage;
import io.facestream.cascade.StageTimes;
import io.facestream.tracking.FaceTracker;
import io.facestream.tracking.Scan;
import io.facestream.tracking.TrackedFace;
import io.facestream.tracking.TrackedFrame;
import io.facestream.tracking.TrackerOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;

/**
 * The faces of a batch's decoded frames: with tracking, each camera's frames go in order through the
 * camera's {@link FaceTracker} while different cameras are examined side by side; without, every frame
 * gets the whole cascade as one batch and no track.
 *
 * <p>A tracker's state is only right while this worker has handed every frame before to it: the
 * trackers of a partition's cameras are dropped whenever its frames are read again from an earlier
 * offset (an aborted transaction) or it moves to another worker (a rebalance), so that the camera's
 * next frame here starts afresh with a full scan. Used by the worker's thread only.
 */
final class CameraTrackers implements AutoCloseable {
    private final FaceDetector detector;
    private final TrackerOptions options;
    private final Map<String, CameraTracker> trackers = new HashMap<>();
    private final ExecutorService cameras;

    /** A camera's tracker, and the partition whose frames it has followed. */
    private record CameraTracker(TopicPartition partition, FaceTracker tracker) {
    }

    CameraTrackers(FaceDetector detector, TrackerOptions options, String workerId) {
        this.detector = detector;
        this.options = options;
        AtomicInteger count = new AtomicInteger();
        this.cameras = Executors.newFixedThreadPool(detector.options().threads(), task -> {
            Thread thread = new Thread(task, "cameras-" + workerId + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The faces of each of {@code frames}, in their order; the frames of one camera come in capture order. */
    List<TrackedFrame> examine(List<FrameOutcome.Decoded> frames, StageTimes times) {
        return options.tracking() ? tracked(frames) : perFrame(frames, times);
    }

    /** Forgets the cameras of {@code partitions}: their next frame here gets a full scan. */
    void drop(Collection<TopicPartition> partitions) {
        trackers.values().removeIf(camera -> partitions.contains(camera.partition()));
    }

    /** How many cameras have a tracker now. */
    int size() {
        return trackers.size();
    }

    private List<TrackedFrame> perFrame(List<FrameOutcome.Decoded> frames, StageTimes times) {
        List<List<Face>> faces = detector.detectBatch(frames.stream().map(FrameOutcome.Decoded::image).toList(), times);
        List<TrackedFrame> result = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            List<TrackedFace> untracked = faces.get(i).stream().map(face -> new TrackedFace(null, face)).toList();
            result.add(new TrackedFrame(captureMillis(frames.get(i)), Scan.FULL, untracked));
        }
        return result;
    }

    private List<TrackedFrame> tracked(List<FrameOutcome.Decoded> frames) {
        Map<String, List<Integer>> byCamera = new LinkedHashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            byCamera.computeIfAbsent(frames.get(i).frame().getCameraId(), camera -> new ArrayList<>()).add(i);
        }
        List<Callable<Void>> tasks = new ArrayList<>();
        TrackedFrame[] result = new TrackedFrame[frames.size()];
        byCamera.forEach((camera, indexes) -> {
            FaceTracker tracker = trackerOf(camera, frames.get(indexes.get(0)));
            tasks.add(() -> {
                for (int i : indexes) {
                    RgbImage image = frames.get(i).image();
                    result[i] = tracker.next(image, captureMillis(frames.get(i)));
                }
                return null;
            });
        });
        runAll(tasks);
        return List.of(result);
    }

    private FaceTracker trackerOf(String camera, FrameOutcome.Decoded frame) {
        TopicPartition partition = new TopicPartition(frame.record().topic(), frame.record().partition());
        CameraTracker known = trackers.get(camera);
        if (known == null || !known.partition().equals(partition)) {
            known = new CameraTracker(partition, new FaceTracker(detector, options));
            trackers.put(camera, known);
        }
        return known.tracker();
    }

    private void runAll(List<Callable<Void>> tasks) {
        try {
            for (Future<Void> done : cameras.invokeAll(tasks)) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while detecting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static long captureMillis(FrameOutcome.Decoded frame) {
        return frame.frame().getCaptureTime().toEpochMilli();
    }

    @Override
    public void close() {
        cameras.shutdownNow();
    }
}
