package io.facestream.worker;

import io.facestream.blazeface.DetectorModel;
import io.facestream.schemas.avro.DetectionSettings;
import io.facestream.tracking.DetectionRegion;
import io.facestream.tracking.TrackerOptions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a camera's frames are examined: the worker's settings, with the fields the camera's own
 * {@link DetectionSettings} set taking their place.
 *
 * @param model       the detector
 * @param minFaceSize smallest face side looked for, in pixels
 * @param tracker     the camera's tracker settings
 */
record CameraDetection(DetectorModel model, int minFaceSize, TrackerOptions tracker) {
    private static final Logger log = LoggerFactory.getLogger(CameraDetection.class);
    /** The model names warned about, so that each is warned about once. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    /** {@code camera}'s settings (null: none) over the worker's. */
    static CameraDetection of(DetectionSettings camera, DetectorModel workerModel, int workerMinFaceSize,
                              TrackerOptions worker) {
        if (camera == null) {
            return new CameraDetection(workerModel, workerMinFaceSize, worker);
        }
        TrackerOptions tracker = worker.withRegion(new DetectionRegion(camera.getRegion().stream()
                .map(point -> new DetectionRegion.Corner(point.getX(), point.getY())).toList()));
        if (camera.getTracking() != null) {
            tracker = tracker.withTracking(camera.getTracking());
        }
        if (camera.getFullScanIntervalMillis() != null) {
            tracker = tracker.withFullScanInterval(Duration.ofMillis(camera.getFullScanIntervalMillis()));
        }
        if (camera.getMotionThreshold() != null) {
            tracker = tracker.withMotionThreshold(camera.getMotionThreshold());
        }
        DetectorModel model = camera.getModel() == null ? workerModel : model(camera.getModel(), workerModel);
        return new CameraDetection(model, camera.getMinFaceSize() == null ? workerMinFaceSize : camera.getMinFaceSize(),
                tracker);
    }

    /**
     * The model a camera names, if a worker runs it. The camera file and the API let no other through, but a record
     * on the cameras topic may come from elsewhere: that camera gets the worker's model, and one warning.
     */
    private static DetectorModel model(String name, DetectorModel workerModel) {
        try {
            return DetectorModel.of(name);
        } catch (IllegalArgumentException e) {
            if (WARNED.add(name)) {
                log.warn("a camera asks for the detector '{}', which workers do not run ({}); it gets {}", name,
                        e.getMessage(), workerModel);
            }
            return workerModel;
        }
    }

    /**
     * Whether this is the worker's detector on every whole frame at {@code workerMinFaceSize}: frames batched, no
     * tracker.
     */
    boolean isPlainPerFrame(DetectorModel workerModel, int workerMinFaceSize) {
        return !tracker.tracking() && tracker.region().isWhole() && minFaceSize == workerMinFaceSize
                && model == workerModel;
    }
}
