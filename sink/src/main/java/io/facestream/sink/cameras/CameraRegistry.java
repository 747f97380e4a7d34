package io.facestream.sink.cameras;

import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.CameraStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest config and status of every camera, as read from the compacted {@code cameras} and {@code camera-status}
 * topics by the sink's live feed. Writers wait on {@link #awaitCamerasRead} until the feed has read past their own
 * record, so a PUT followed by a GET sees the change.
 */
public final class CameraRegistry {
    private final Map<String, CameraConfig> configs = new ConcurrentHashMap<>();
    private final Map<String, CameraStatus> statuses = new ConcurrentHashMap<>();
    /** Per partition of {@code cameras}: the offset of the next record the feed will read. */
    private final Map<Integer, Long> camerasPositions = new HashMap<>();
    private boolean loaded;

    public void configChanged(String cameraId, CameraConfig config) {
        if (config == null) {
            configs.remove(cameraId);
        } else {
            configs.put(cameraId, config);
        }
    }

    public void statusChanged(String cameraId, CameraStatus status) {
        if (status == null) {
            statuses.remove(cameraId);
        } else {
            statuses.put(cameraId, status);
        }
    }

    /** The feed has read {@code cameras} partition {@code partition} up to (not including) {@code position}. */
    public synchronized void camerasRead(int partition, long position) {
        camerasPositions.merge(partition, position, Math::max);
        notifyAll();
    }

    /** The feed has read both compacted topics up to where they ended when it started. */
    public synchronized void loaded() {
        loaded = true;
        notifyAll();
    }

    /** Waits until the feed has read the record at {@code offset} of {@code cameras} partition {@code partition}. */
    public synchronized boolean awaitCamerasRead(int partition, long offset, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (camerasPositions.getOrDefault(partition, 0L) <= offset) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Waits (at most {@code timeout}) until what the topics held at start has been read. */
    public synchronized boolean awaitLoaded(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!loaded) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    public Optional<CameraConfig> config(String cameraId) {
        return Optional.ofNullable(configs.get(cameraId));
    }

    public Optional<CameraStatus> status(String cameraId) {
        return Optional.ofNullable(statuses.get(cameraId));
    }

    /** The ids of the cameras with a status. */
    public Set<String> statusIds() {
        return Set.copyOf(statuses.keySet());
    }

    /** Every configured camera by id, sorted. */
    public Map<String, CameraConfig> configs() {
        return new TreeMap<>(configs);
    }
}
