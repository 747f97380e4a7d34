package io.facestream.tracking;

import java.time.Duration;

/**
 * Settings of a {@link FaceTracker}.
 *
 * @param tracking         false: every frame gets the whole cascade (per-frame detection), faces are only
 *                         linked into tracks
 * @param fullScanInterval the longest stretch of capture time between two whole-frame scans while
 *                         anything moves or a face is tracked
 * @param motionThreshold  grey levels (0-255) a small greyscale pixel must differ from the background to
 *                         count as changed: lower is more sensitive
 * @param region           the part of the picture examined
 */
public record TrackerOptions(boolean tracking, Duration fullScanInterval, int motionThreshold, DetectionRegion region) {

    public TrackerOptions {
        if (fullScanInterval == null || fullScanInterval.isNegative() || fullScanInterval.isZero()) {
            throw new IllegalArgumentException("fullScanInterval must be above 0, got " + fullScanInterval);
        }
        if (motionThreshold < 1 || motionThreshold > 255) {
            throw new IllegalArgumentException("motionThreshold must be between 1 and 255, got " + motionThreshold);
        }
        if (region == null) {
            throw new IllegalArgumentException("region must be given, DetectionRegion.WHOLE for the whole picture");
        }
    }

    /** Tracking on, a whole-frame scan at least every 2 s, changes of 18 grey levels count as motion, the whole picture. */
    public static TrackerOptions defaults() {
        return new TrackerOptions(true, Duration.ofSeconds(2), 18, DetectionRegion.WHOLE);
    }

    /** Every frame through the whole cascade, as without tracking. */
    public static TrackerOptions perFrame() {
        return defaults().withTracking(false);
    }

    public TrackerOptions withTracking(boolean on) {
        return new TrackerOptions(on, fullScanInterval, motionThreshold, region);
    }

    public TrackerOptions withFullScanInterval(Duration interval) {
        return new TrackerOptions(tracking, interval, motionThreshold, region);
    }

    public TrackerOptions withMotionThreshold(int greyLevels) {
        return new TrackerOptions(tracking, fullScanInterval, greyLevels, region);
    }

    public TrackerOptions withRegion(DetectionRegion examined) {
        return new TrackerOptions(tracking, fullScanInterval, motionThreshold, examined);
    }
}
