package io.facestream.tracking;

import io.facestream.cascade.Face;

/** A face found in a frame, and the track it belongs to: the same id while the same person stays in view. */
public record TrackedFace(String track, Face face) {
}
