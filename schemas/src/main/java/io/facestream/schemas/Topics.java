package io.facestream.schemas;

import java.util.List;
import java.util.Map;

/** The topics of the pipeline and their settings, in one place. */
public final class Topics {
    /** Sampled camera frames, key = camera id; each camera on the partition ingest chose for it. */
    public static final String FRAMES = "frames";
    /** One FaceDetections per frame, key = camera id, on the partition of its frame. */
    public static final String FACES = "faces";
    /** Camera configurations, compacted, key = camera id (null value: removed). */
    public static final String CAMERAS = "cameras";
    /** The events of {@code faces} as JSON, for clients without Avro; key = camera id. */
    public static final String FACES_JSON = "faces.json";
    /** Latest status of each camera, compacted, key = camera id. */
    public static final String CAMERA_STATUS = "camera-status";
    /** Alerts raised by the sink, key = camera id. */
    public static final String ALERTS = "alerts";
    /** Default partitions of frames and faces: the most detector workers that can share the load. */
    public static final int DEFAULT_PARTITIONS = 6;

    private Topics() {
    }

    /** Where records that could not be processed go, with the reason in headers. */
    public static String dlq(String topic) {
        return topic + ".dlq";
    }

    /** A topic with its partition count and topic-level configs. */
    public record TopicSpec(String name, int partitions, Map<String, String> configs) {
    }

    public static List<TopicSpec> specs() {
        return specs(DEFAULT_PARTITIONS);
    }

    /** Every topic, with {@code partitions} partitions for frames and faces. */
    public static List<TopicSpec> specs(int partitions) {
        return List.of(
                // Live video is worth little after an hour; a 4K JPEG can pass 5 MB.
                new TopicSpec(FRAMES, partitions, Map.of("retention.ms", hours(1), "max.message.bytes", mb(10))),
                // Same partitions as frames: a worker writes each event to its frame's partition number, where
                // the sink joins them. A week lets the sink be down over a weekend and catch up.
                new TopicSpec(FACES, partitions, Map.of("retention.ms", hours(24 * 7))),
                // The same events as JSON, kept as long.
                new TopicSpec(FACES_JSON, partitions, Map.of("retention.ms", hours(24 * 7))),
                // Compacted: the latest config per camera is the registry. Partitions are what ingest
                // instances share cameras by, so more than instances are ever likely.
                new TopicSpec(CAMERAS, 12, Map.of("cleanup.policy", "compact")),
                // Compacted: a reader wants the latest status per camera; little traffic, few partitions.
                new TopicSpec(CAMERA_STATUS, 3, Map.of("cleanup.policy", "compact")),
                // Alerts are an audit trail (door events), small: keep a month.
                new TopicSpec(ALERTS, 3, Map.of("retention.ms", hours(24 * 30))),
                // Dead frames are kept long enough to be looked at.
                new TopicSpec(dlq(FRAMES), 1, Map.of("retention.ms", hours(24 * 7), "max.message.bytes", mb(10))),
                new TopicSpec(dlq(FACES), 1, Map.of("retention.ms", hours(24 * 7))));
    }

    private static String hours(long hours) {
        return Long.toString(hours * 3_600_000L);
    }

    private static String mb(int megabytes) {
        return Integer.toString(megabytes * 1024 * 1024);
    }
}
