package io.facestream.cascade;

import java.util.List;

/** One scale of the pyramid, for the frames (indices into a batch) of one size that P-Net scans together. */
record PyramidLevel(List<Integer> frames, float scale) {
}
