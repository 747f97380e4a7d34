package io.facestream.ingest;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The {@code frames} partition of every known camera. Hashing a few camera ids puts some on one partition and leaves
 * others empty, so a new camera gets the partition holding the fewest cameras (the lowest on a tie), and keeps it for
 * as long as it exists: its frames in flight never change partition, so they stay in order for one worker.
 *
 * <p>The choice is stored with the camera, as a header of its record in the {@code cameras} topic, written by the
 * ingest instance that owns the camera's {@code cameras} partition. Every instance reads it from there, so an instance
 * that takes a camera over sends its frames where they went before.
 */
final class FramePartitions {
    /** The header of a {@code cameras} record that holds the camera's frames partition, in decimal. */
    static final String HEADER = "frames.partition";

    private final int partitions;
    private final Map<String, Integer> byCamera = new HashMap<>();

    FramePartitions(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("the frames topic has no partitions");
        }
        this.partitions = partitions;
    }

    /** The camera's partition, chosen now if it has none yet. */
    synchronized int choose(String cameraId) {
        return byCamera.computeIfAbsent(cameraId, id -> leastLoaded());
    }

    /** A partition read from the camera's record. */
    synchronized void record(String cameraId, int partition) {
        byCamera.put(cameraId, partition);
    }

    /** The camera is gone: its partition takes new cameras again. */
    synchronized void forget(String cameraId) {
        byCamera.remove(cameraId);
    }

    /** The partition {@code headers} hold, if it is one of the frames topic's. */
    OptionalInt stampOf(Headers headers) {
        Header header = headers.lastHeader(HEADER);
        if (header == null || header.value() == null) {
            return OptionalInt.empty();
        }
        try {
            int partition = Integer.parseInt(new String(header.value(), StandardCharsets.UTF_8));
            return partition >= 0 && partition < partitions ? OptionalInt.of(partition) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    static Header stamp(int partition) {
        return new RecordHeader(HEADER, Integer.toString(partition).getBytes(StandardCharsets.UTF_8));
    }

    private int leastLoaded() {
        int[] cameras = new int[partitions];
        byCamera.values().forEach(partition -> cameras[partition]++);
        int best = 0;
        for (int partition = 1; partition < partitions; partition++) {
            if (cameras[partition] < cameras[best]) {
                best = partition;
            }
        }
        return best;
    }
}
