package io.facestream.ingest;

import java.time.Instant;

/** A sampled frame of one camera, JPEG-encoded, waiting for its sequence number and Kafka. */
public record EncodedFrame(String cameraId, Instant captureTime, int width, int height, byte[] jpeg) {
}
