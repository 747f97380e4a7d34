package io.facestream.cascade;

import java.util.List;

/**
 * One scale of the pyramid over the same region of one or more frames (indices into a batch) that
 * P-Net scans together: the whole frame in an ordinary detection.
 */
record PyramidLevel(List<Integer> frames, Region region, float scale) {
}
