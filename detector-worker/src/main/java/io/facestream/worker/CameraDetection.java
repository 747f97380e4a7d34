package io.facestream.worker;

import io.facestream.schemas.avro.DetectionSettings;
import io.facestream.tracking.DetectionRegion;
import io.facestream.tracking.TrackerOptions;
import java.time.Duration;

/**
 * How a camera's frames are examined: the worker's settings, with the fields the camera's own
 * {@link DetectionSettings} set taking their place.
 *
 * @param minFaceSize smallest face side looked for, in pixels
 * @param tracker     the camera's tracker settings
 */
record CameraDetection(int minFaceSize, TrackerOptions tracker) {

    /** {@code camera}'s settings (null: none) over the worker's. */
    static CameraDetection of(DetectionSettings camera, int workerMinFaceSize, TrackerOptions worker) {
        if (camera == null) {
            return new CameraDetection(workerMinFaceSize, worker);
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
        return new CameraDetection(camera.getMinFaceSize() == null ? workerMinFaceSize : camera.getMinFaceSize(), tracker);
    }

    /** Whether this is the whole cascade on every whole frame at {@code workerMinFaceSize}: frames batched, no tracker. */
    boolean isPlainPerFrame(int workerMinFaceSize) {
        return !tracker.tracking() && tracker.region().isWhole() && minFaceSize == workerMinFaceSize;
    }
}
