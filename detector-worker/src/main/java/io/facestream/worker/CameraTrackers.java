package io.facestream.worker;

import io.facestream.blazeface.DetectorModel;
import io.facestream.cascade.Face;
import io.facestream.cascade.RgbImage;
import io.facestream.cascade.StageTimes;
import io.facestream.schemas.avro.DetectionSettings;
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
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;

/**
 * The faces of a batch's decoded frames, each camera's as its own detection settings say, or else the worker's:
 * with tracking, each camera's frames go in order through the camera's {@link FaceTracker} while different cameras
 * are examined side by side; without, every frame gets the whole cascade as one batch and no track.
 *
 * <p>A tracker's state is only right while this worker has handed every frame before to it: the
 * trackers of a partition's cameras are dropped whenever its frames are read again from an earlier
 * offset (an aborted transaction) or it moves to another worker (a rebalance), so that the camera's
 * next frame here starts afresh with a full scan. Used by the worker's thread only.
 */
final class CameraTrackers implements AutoCloseable {
    private final Detectors detectors;
    private final TrackerOptions options;
    private final Function<String, DetectionSettings> cameraSettings;
    private final Map<String, CameraTracker> trackers = new HashMap<>();
    private final ExecutorService cameras;

    /** A camera's tracker, the partition whose frames it has followed, and the settings it was made with. */
    private record CameraTracker(TopicPartition partition, CameraDetection detection, FaceTracker tracker) {
    }

    /**
     * @param options        the worker's tracker settings
     * @param cameraSettings a camera's own detection settings, null for none: they take the place of the worker's
     */
    CameraTrackers(Detectors detectors, TrackerOptions options, Function<String, DetectionSettings> cameraSettings,
                   String workerId) {
        this.detectors = detectors;
        this.options = options;
        this.cameraSettings = cameraSettings;
        AtomicInteger count = new AtomicInteger();
        this.cameras = Executors.newFixedThreadPool(detectors.workers().options().threads(), task -> {
            Thread thread = new Thread(task, "cameras-" + workerId + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The faces of each of {@code frames}, in their order, and the detector that found them; the frames of one camera
     * come in capture order. Cameras examined as without tracking (the worker's detector on every whole frame) go
     * through as one batch, with no track.
     */
    List<ExaminedFrame> examine(List<FrameOutcome.Decoded> frames, StageTimes times) {
        Map<String, CameraDetection> detection = new HashMap<>();
        Map<String, List<Integer>> tracked = new LinkedHashMap<>();
        List<Integer> batched = new ArrayList<>();
        int workerMinFaceSize = detectors.workers().options().minFaceSize();
        for (int i = 0; i < frames.size(); i++) {
            String camera = frames.get(i).frame().getCameraId();
            CameraDetection settings = detection.computeIfAbsent(camera, c -> CameraDetection.of(
                    cameraSettings.apply(c), detectors.workerModel(), workerMinFaceSize, options));
            if (settings.isPlainPerFrame(detectors.workerModel(), workerMinFaceSize)) {
                batched.add(i);
            } else {
                tracked.computeIfAbsent(camera, c -> new ArrayList<>()).add(i);
            }
        }
        TrackedFrame[] result = new TrackedFrame[frames.size()];
        perFrame(frames, batched, times, result);
        tracked(frames, tracked, detection, times, result);
        List<ExaminedFrame> examined = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            DetectorModel model = detection.get(frames.get(i).frame().getCameraId()).model();
            examined.add(ExaminedFrame.withoutEmbeddings(result[i], model));
        }
        return examined;
    }

    /** Forgets the cameras of {@code partitions}: their next frame here gets a full scan. */
    void drop(Collection<TopicPartition> partitions) {
        trackers.values().removeIf(camera -> partitions.contains(camera.partition()));
    }

    /** How many cameras have a tracker now. */
    int size() {
        return trackers.size();
    }

    private void perFrame(List<FrameOutcome.Decoded> frames, List<Integer> batched, StageTimes times,
                          TrackedFrame[] result) {
        if (batched.isEmpty()) {
            return;
        }
        List<List<Face>> faces = detectors.workers().detectBatch(batched.stream().map(i -> frames.get(i).image()).toList(),
                times);
        for (int n = 0; n < batched.size(); n++) {
            int i = batched.get(n);
            trackers.remove(frames.get(i).frame().getCameraId());
            List<TrackedFace> untracked = faces.get(n).stream().map(face -> new TrackedFace(null, face)).toList();
            result[i] = new TrackedFrame(captureMillis(frames.get(i)), Scan.FULL, untracked);
        }
    }

    private void tracked(List<FrameOutcome.Decoded> frames, Map<String, List<Integer>> byCamera,
                         Map<String, CameraDetection> detection, StageTimes times, TrackedFrame[] result) {
        List<Callable<Void>> tasks = new ArrayList<>();
        byCamera.forEach((camera, indexes) -> {
            FaceTracker tracker = trackerOf(camera, frames.get(indexes.get(0)), detection.get(camera));
            tasks.add(() -> {
                for (int i : indexes) {
                    RgbImage image = frames.get(i).image();
                    result[i] = tracker.next(image, captureMillis(frames.get(i)), times);
                }
                return null;
            });
        });
        runAll(tasks);
    }

    /** The camera's tracker; a new one when it has none, its frames come from another partition or its settings changed. */
    private FaceTracker trackerOf(String camera, FrameOutcome.Decoded frame, CameraDetection detection) {
        TopicPartition partition = new TopicPartition(frame.record().topic(), frame.record().partition());
        CameraTracker known = trackers.get(camera);
        if (known == null || !known.partition().equals(partition) || !known.detection().equals(detection)) {
            FaceTracker tracker = new FaceTracker(detectors.of(detection.model()).withMinFaceSize(detection.minFaceSize()),
                    detection.tracker());
            known = new CameraTracker(partition, detection, tracker);
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
