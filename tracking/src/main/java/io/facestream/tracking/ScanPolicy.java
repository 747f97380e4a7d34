package io.facestream.tracking;

import io.facestream.cascade.Box;
import java.time.Duration;
import java.util.List;

/**
 * When to scan what, for one camera. The whole frame on the first frame, after a rescan (scene cut,
 * lights) or a capture time going back, when motion outside the tracked faces covers most of the
 * frame, and at the latest every {@code fullScanInterval} of capture time while anything moved or a
 * face was tracked since the last one; otherwise the regions that moved outside the tracked faces,
 * or only the tracked faces, or, with no motion and no track, nothing at all.
 */
final class ScanPolicy {
    /** Regions covering more of the frame than this cost about as much as the whole frame. */
    private static final float MAX_REGIONS_SHARE = 0.5f;

    private final long fullScanIntervalMs;
    private final int minMargin;
    private long lastFullScanMs;
    private boolean scannedOnce;
    /** Whether anything moved or was tracked since the last whole-frame scan. */
    private boolean activity;

    /** @param minMargin the least margin around a motion region, in pixels (the smallest face looked for) */
    ScanPolicy(Duration fullScanInterval, int minMargin) {
        this.fullScanIntervalMs = fullScanInterval.toMillis();
        this.minMargin = minMargin;
    }

    /** The plan for the frame captured at {@code timeMs}, given its motion and the zones of the tracked people. */
    ScanPlan plan(long timeMs, Motion motion, List<Box> trackZones, int width, int height) {
        activity |= motion.any() || !trackZones.isEmpty();
        // A capture time going back (a looping file, a camera's clock reset) starts afresh.
        boolean restarted = timeMs < lastFullScanMs;
        boolean due = timeMs - lastFullScanMs >= fullScanIntervalMs;
        if (!scannedOnce || restarted || motion.rescan() || (due && activity)) {
            return full(timeMs);
        }
        List<Box> regions = ScanRegions.around(motion.regionsOutside(trackZones), minMargin, width, height);
        if (!regions.isEmpty()) {
            return ScanRegions.area(regions) > MAX_REGIONS_SHARE * width * height
                    ? full(timeMs) : new ScanPlan(Scan.REGIONS, regions);
        }
        return ScanPlan.of(trackZones.isEmpty() ? Scan.NONE : Scan.TRACKED);
    }

    private ScanPlan full(long timeMs) {
        scannedOnce = true;
        lastFullScanMs = timeMs;
        activity = false;
        return ScanPlan.of(Scan.FULL);
    }
}
