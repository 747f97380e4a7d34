package io.facestream.sink.crops;

/** A frame's identity: its camera and sequence number, which its face event carries too. */
record FrameKey(String cameraId, long sequence) {
}
