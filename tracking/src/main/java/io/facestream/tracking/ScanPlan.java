package io.facestream.tracking;

import io.facestream.cascade.Box;
import java.util.List;

/** How to examine a frame, and for {@link Scan#REGIONS} where. */
record ScanPlan(Scan scan, List<Box> regions) {

    ScanPlan {
        regions = List.copyOf(regions);
    }

    static ScanPlan of(Scan scan) {
        return new ScanPlan(scan, List.of());
    }
}
