package io.facestream.worker;

import io.facestream.recognition.FaceEmbedder;
import io.facestream.schemas.KafkaSettings;
import io.facestream.schemas.OpsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one or more detector workers in this process, sharing their (thread-safe) detectors, with their
 * health and metrics endpoint. {@link #start} owns the threads; {@link #close} finishes the batches
 * in hand and stops.
 */
public final class WorkerService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerService.class);
    /** Served on WORKER_HTTP_PORT: 200 while every worker loop runs, else 503 (liveness and readiness). */
    public static final String HEALTH_PATH = OpsServer.HEALTH_PATH;
    /** Served on WORKER_HTTP_PORT: Prometheus text format. */
    public static final String METRICS_PATH = OpsServer.METRICS_PATH;
    private static final Duration CAMERA_SETTINGS_WAIT = Duration.ofSeconds(15);

    private final Detectors detectors;
    /** Null when the workers compute no embeddings. */
    private final FaceEmbedder embedder;
    private final CameraSettingsFeed cameraSettings;
    private final List<DetectorWorker> workers;
    private final List<Thread> threads = new ArrayList<>();
    private final OpsServer ops;

    private WorkerService(Detectors detectors, FaceEmbedder embedder, CameraSettingsFeed cameraSettings,
                          List<DetectorWorker> workers, OpsServer ops) {
        this.detectors = detectors;
        this.embedder = embedder;
        this.cameraSettings = cameraSettings;
        this.workers = workers;
        this.ops = ops;
    }

    /** Starts {@code count} workers (ids {@code <workerId>-1…} when more than one), health and metrics on every interface. */
    public static WorkerService start(WorkerConfig config, KafkaSettings kafka, int count) {
        return start(config, kafka, count, null);
    }

    /** As {@link #start(WorkerConfig, KafkaSettings, int)}, health and metrics on {@code httpAddress} (null: every interface). */
    public static WorkerService start(WorkerConfig config, KafkaSettings kafka, int count, InetAddress httpAddress) {
        Detectors detectors = Detectors.load(config.model(), config.detector());
        FaceEmbedder embedder = config.embeddings() ? FaceEmbedder.create(config.detector().threads()) : null;
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WorkerMetrics metrics = new WorkerMetrics(registry);
        CameraSettingsFeed cameraSettings = CameraSettingsFeed.start(kafka, config.workerId());
        awaitCameraSettings(cameraSettings);
        List<DetectorWorker> workers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            WorkerConfig own = count == 1 ? config : config.withWorkerId(config.workerId() + "-" + i);
            workers.add(DetectorWorker.create(own, kafka, detectors, embedder, cameraSettings::of, metrics,
                    Clock.systemUTC()));
        }
        OpsServer ops = config.httpPort() > 0 ? OpsServer.start("worker", httpAddress, config.httpPort(),
                "WORKER_HTTP_PORT", () -> health(workers), registry::scrape) : null;
        WorkerService service = new WorkerService(detectors, embedder, cameraSettings, workers, ops);
        for (DetectorWorker worker : workers) {
            Thread thread = new Thread(worker, "detector-" + worker.workerId());
            service.threads.add(thread);
            thread.start();
        }
        log.info("{} detector worker(s) running on {}{}{}", count, detectors.provider(),
                embedder == null ? "" : ", with face embeddings",
                ops == null ? "" : "; health and metrics on port " + ops.port());
        return service;
    }

    /** The cameras' settings before the first frame, unless the cameras topic is slow to read. */
    private static void awaitCameraSettings(CameraSettingsFeed cameraSettings) {
        try {
            if (!cameraSettings.awaitCaughtUp(CAMERA_SETTINGS_WAIT)) {
                log.warn("the cameras' detection settings were not read within {}: cameras get them once read, "
                        + "the workers' defaults until then", CAMERA_SETTINGS_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static OpsServer.Health health(List<DetectorWorker> workers) {
        boolean up = workers.stream().allMatch(DetectorWorker::isAlive);
        StringBuilder json = new StringBuilder("{\"status\":\"").append(up ? "UP" : "DOWN").append("\",\"workers\":[");
        for (int i = 0; i < workers.size(); i++) {
            DetectorWorker w = workers.get(i);
            json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"id\":\"%s\",\"alive\":%b,\"partitions\":%d,\"lastCommit\":%s}", w.workerId(), w.isAlive(),
                    w.assignment().size(), w.lastCommit() == null ? "null" : "\"" + w.lastCommit() + "\""));
        }
        return new OpsServer.Health(up, json.append("]}").toString());
    }

    public List<DetectorWorker> workers() {
        return workers;
    }

    /** The health and metrics port, or -1 when none is served. */
    public int httpPort() {
        return ops == null ? -1 : ops.port();
    }

    /** The address health and metrics are served on; empty when they are not. */
    public Optional<InetAddress> httpAddress() {
        return Optional.ofNullable(ops).map(OpsServer::address);
    }

    @Override
    public void close() {
        workers.parallelStream().forEach(DetectorWorker::close);
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ops != null) {
            ops.close();
        }
        cameraSettings.close();
        detectors.close();
        if (embedder != null) {
            embedder.close();
        }
    }
}
