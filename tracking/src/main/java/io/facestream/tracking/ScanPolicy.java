package io.facestream.tracking;

import io.facestream.cascade.Box;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When to scan what, for one camera. The whole frame on the first frame, after a rescan (scene cut,
 * lights) or a capture time going back, when unexplained motion covers most of the frame, and at the
 * latest every {@code fullScanInterval} of capture time while anything moved or a face was tracked since
 * the last one; otherwise the regions of unexplained motion, or only the tracked faces, or, with no
 * unexplained motion and no track, nothing at all. Motion is explained inside the zones of the tracked
 * people and of the trails people followed lately left in the background.
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

    /**
     * The plan for the frame captured at {@code timeMs}, given its motion, the zones of the tracked people
     * and those of the people followed in the last frames, whose trail may still show.
     */
    ScanPlan plan(long timeMs, Motion motion, List<Box> trackZones, List<Box> trailZones, int width, int height) {
        activity |= motion.any() || !trackZones.isEmpty();
        // A capture time going back (a looping file, a camera's clock reset) starts afresh.
        boolean restarted = timeMs < lastFullScanMs;
        boolean due = timeMs - lastFullScanMs >= fullScanIntervalMs;
        if (!scannedOnce || restarted || motion.rescan() || (due && activity)) {
            return full(timeMs);
        }
        List<Box> explained = new ArrayList<>(trackZones);
        explained.addAll(trailZones);
        List<Box> regions = ScanRegions.around(motion.regionsOutside(explained), minMargin, width, height);
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
