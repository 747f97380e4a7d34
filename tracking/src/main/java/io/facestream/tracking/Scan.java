package io.facestream.tracking;

import java.util.Locale;

/** How a frame was examined. */
public enum Scan {
    /** The whole cascade on the whole frame. */
    FULL,
    /** The whole cascade on the regions where something moved, and the tracked faces refined. */
    REGIONS,
    /** Only the tracked faces, refined by R-Net and O-Net around where they were. */
    TRACKED,
    /** Nothing moved and no face was in view: no network ran. */
    NONE;

    /** The name in JSON and reports: full, regions, tracked, none. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
