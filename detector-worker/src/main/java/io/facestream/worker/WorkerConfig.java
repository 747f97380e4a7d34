package io.facestream.worker;

import io.facestream.blazeface.DetectorModel;
import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.ExecutionProvider;
import io.facestream.cascade.ImageDecoder;
import io.facestream.schemas.EnvironmentVariable;
import io.facestream.tracking.TrackerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A detector worker's settings, read from the environment; every one has a default that works for
 * the local run. Invalid values are rejected at start with the variable's name.
 *
 * @param workerId      names this worker in events and its transactional id; unique per running worker
 * @param groupId       the consumer group the workers share the frames in
 * @param maxBatchSize  most frames detected together
 * @param maxBatchWait  longest a frame waits for its batch to fill; 0 (the default): a batch is what one poll
 *                      returns, small under light load (low latency) and full under heavy load (throughput)
 * @param maxFrameAge   frames captured longer ago get a skipped-stale event instead of detection (zero: never)
 * @param decodeThreads threads decoding JPEGs in parallel
 * @param maxFramePixels frames whose JPEG header declares more pixels are refused undecoded (frames.dlq, an
 *                       UNDECODABLE event): a few hundred bytes can declare gigabytes of raster
 * @param httpPort      port of the health and metrics endpoint (0: none)
 * @param model         the detector: mtcnn, or blazeface+onet (BlazeFace's boxes through O-Net)
 * @param detector      the cascade's settings
 * @param tracking      true: each camera's frames go through a face tracker (faces get track ids, frames without
 *                      motion or faces are not scanned); false: the whole cascade on every frame
 * @param embeddings    whether faces get MobileFaceNet embeddings in their events
 * @param embeddingInterval with tracking, how often a track's face is embedded again after its first
 */
public record WorkerConfig(String workerId, String groupId, int maxBatchSize, Duration maxBatchWait,
                           Duration maxFrameAge, int decodeThreads, int maxFramePixels, int httpPort,
                           DetectorModel model, DetectorOptions detector, boolean tracking, boolean embeddings,
                           Duration embeddingInterval) {

    /** The variables {@link #fromEnvironment(Map)} reads, with their defaults. */
    public static final List<EnvironmentVariable> VARIABLES = List.of(
            new EnvironmentVariable("WORKER_ID", "host-pid", "names the worker in events and its transactional id; unique"),
            new EnvironmentVariable("WORKER_GROUP_ID", "face-stream-detectors", "consumer group the workers share frames in"),
            new EnvironmentVariable("WORKER_MAX_BATCH", "8", "most frames detected together"),
            new EnvironmentVariable("WORKER_MAX_BATCH_WAIT_MS", "0", "longest wait for a batch to fill; 0: what one poll returns"),
            new EnvironmentVariable("WORKER_MAX_FRAME_AGE_MS", "10000", "older frames get a skipped-stale event; 0: never"),
            new EnvironmentVariable("WORKER_DECODE_THREADS", "cores", "threads decoding JPEGs"),
            new EnvironmentVariable("WORKER_MAX_FRAME_PIXELS", String.valueOf(ImageDecoder.DEFAULT_MAX_PIXELS),
                    "frames declaring more pixels go undecoded to frames.dlq (a bit above 4K UHD)"),
            new EnvironmentVariable("WORKER_TRACKING", "true",
                    "follow each camera's faces in tracks, scan only what moved; false: whole cascade every frame"),
            new EnvironmentVariable("WORKER_EMBEDDINGS", "true",
                    "give faces MobileFaceNet embeddings (every face without tracking; a track's now and then)"),
            new EnvironmentVariable("WORKER_EMBEDDING_INTERVAL_MS", "2000",
                    "with tracking: least capture time between two embeddings of one track"),
            new EnvironmentVariable("WORKER_HTTP_PORT", "8081", "port of /health and /metrics; 0: none"),
            new EnvironmentVariable("DETECTOR_MODEL", "mtcnn",
                    "mtcnn, blazeface+onet (BlazeFace scans whole frames, O-Net gives score and five landmarks) or"
                            + " blazeface (BlazeFace alone: six keypoints); a camera's detection.model overrides it"),
            new EnvironmentVariable("DETECTOR_MIN_FACE_SIZE", "20", "smallest face side looked for, in pixels"),
            new EnvironmentVariable("DETECTOR_MAX_INPUT_SIDE", "1920", "larger frames are detected downscaled; 0: never"),
            new EnvironmentVariable("DETECTOR_THREADS", "cores", "CPU threads the cascade runs on"),
            new EnvironmentVariable("DETECTOR_PROVIDER", "auto", "auto, cpu or cuda"));

    public static WorkerConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** Reads WORKER_* and DETECTOR_* variables from {@code env}. */
    public static WorkerConfig fromEnvironment(Map<String, String> env) {
        Settings s = new Settings(env);
        int cores = Runtime.getRuntime().availableProcessors();
        DetectorOptions defaults = DetectorOptions.defaults();
        DetectorOptions detector;
        try {
            detector = defaults.toBuilder()
                    .minFaceSize(s.integer("DETECTOR_MIN_FACE_SIZE", defaults.minFaceSize(), 1))
                    .maxInputSide(s.integer("DETECTOR_MAX_INPUT_SIDE", defaults.maxInputSide(), 0))
                    .threads(s.integer("DETECTOR_THREADS", defaults.threads(), 1))
                    .provider(s.provider("DETECTOR_PROVIDER", defaults.provider()))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("detector settings: " + e.getMessage(), e);
        }
        return new WorkerConfig(
                s.text("WORKER_ID", defaultWorkerId()),
                s.text("WORKER_GROUP_ID", "face-stream-detectors"),
                s.integer("WORKER_MAX_BATCH", 8, 1),
                Duration.ofMillis(s.integer("WORKER_MAX_BATCH_WAIT_MS", 0, 0)),
                Duration.ofMillis(s.integer("WORKER_MAX_FRAME_AGE_MS", 10_000, 0)),
                s.integer("WORKER_DECODE_THREADS", cores, 1),
                s.integer("WORKER_MAX_FRAME_PIXELS", ImageDecoder.DEFAULT_MAX_PIXELS, 1),
                s.integer("WORKER_HTTP_PORT", 8081, 0),
                s.model("DETECTOR_MODEL"),
                detector,
                s.bool("WORKER_TRACKING", true),
                s.bool("WORKER_EMBEDDINGS", true),
                Duration.ofMillis(s.integer("WORKER_EMBEDDING_INTERVAL_MS", 2000, 0)));
    }

    public WorkerConfig withWorkerId(String id) {
        return new WorkerConfig(id, groupId, maxBatchSize, maxBatchWait, maxFrameAge, decodeThreads, maxFramePixels,
                httpPort, model, detector, tracking, embeddings, embeddingInterval);
    }

    public WorkerConfig withHttpPort(int port) {
        return new WorkerConfig(workerId, groupId, maxBatchSize, maxBatchWait, maxFrameAge, decodeThreads,
                maxFramePixels, port, model, detector, tracking, embeddings, embeddingInterval);
    }

    public WorkerConfig withModel(DetectorModel detectorModel) {
        return new WorkerConfig(workerId, groupId, maxBatchSize, maxBatchWait, maxFrameAge, decodeThreads,
                maxFramePixels, httpPort, detectorModel, detector, tracking, embeddings, embeddingInterval);
    }

    public WorkerConfig withTracking(boolean on) {
        return new WorkerConfig(workerId, groupId, maxBatchSize, maxBatchWait, maxFrameAge, decodeThreads,
                maxFramePixels, httpPort, model, detector, on, embeddings, embeddingInterval);
    }

    /** The settings of each camera's tracker. */
    public TrackerOptions tracker() {
        return TrackerOptions.defaults().withTracking(tracking);
    }

    private static String defaultWorkerId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "worker");
        return host + "-" + ProcessHandle.current().pid();
    }

    /** Typed reads of environment variables; errors name the variable and what it accepts. */
    private record Settings(Map<String, String> env) {

        /** The detector variable {@code name} names, mtcnn if unset; errors name the variable and the choices. */
        DetectorModel model(String name) {
            try {
                return DetectorModel.of(text(name, DetectorModel.MTCNN.label()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
        }

        String text(String name, String fallback) {
            String value = env.get(name);
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        int integer(String name, int fallback, int min) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value.trim());
                if (parsed >= min) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(name + " must be an integer >= " + min + ", got '" + value + "'");
        }

        boolean bool(String name, boolean fallback) {
            String value = text(name, Boolean.toString(fallback)).toLowerCase(Locale.ROOT);
            return switch (value) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
            };
        }

        ExecutionProvider provider(String name, ExecutionProvider fallback) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                return ExecutionProvider.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " must be one of auto, cpu, cuda, got '" + value + "'");
            }
        }
    }
}
