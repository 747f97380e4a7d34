package io.facestream.worker;

import io.facestream.cascade.Stage;
import io.facestream.cascade.StageTimes;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.FrameScan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker's Prometheus metrics: frames in and out, how they were examined, dead letters, batch sizes, stage
 * latencies, face embeddings, lag.
 */
public final class WorkerMetrics {
    private final Counter framesIn;
    private final Map<DetectionStatus, Counter> eventsOut = new EnumMap<>(DetectionStatus.class);
    private final Map<FrameScan, Counter> framesExamined = new EnumMap<>(FrameScan.class);
    private final Counter deadLetters;
    private final DistributionSummary batchSize;
    private final Map<Stage, Timer> stageLatency = new EnumMap<>(Stage.class);
    private final Timer batchLatency;
    private final Counter embeddings;
    private final Timer embeddingLatency;
    private final AtomicLong lag = new AtomicLong();

    public WorkerMetrics(MeterRegistry registry) {
        framesIn = Counter.builder("facestream.worker.frames.in").description("Frames consumed").register(registry);
        for (DetectionStatus status : DetectionStatus.values()) {
            eventsOut.put(status, Counter.builder("facestream.worker.events.out")
                    .description("Face events published").tag("status", status.name().toLowerCase())
                    .register(registry));
        }
        for (FrameScan scan : FrameScan.values()) {
            framesExamined.put(scan, Counter.builder("facestream.worker.frames.examined")
                    .description("Frames examined, by how: the whole cascade, on regions, tracked faces only, or not at "
                            + "all (no motion, no face)").tag("scan", scan.name().toLowerCase())
                    .register(registry));
        }
        deadLetters = Counter.builder("facestream.worker.dlq").description("Records sent to frames.dlq")
                .register(registry);
        batchSize = DistributionSummary.builder("facestream.worker.batch.size").description("Frames per batch")
                .publishPercentileHistogram().register(registry);
        for (Stage stage : Stage.values()) {
            stageLatency.put(stage, Timer.builder("facestream.worker.stage.latency")
                    .description("Time per batch spent in a cascade stage").tag("stage", stage.name().toLowerCase())
                    .publishPercentileHistogram().register(registry));
        }
        batchLatency = Timer.builder("facestream.worker.batch.latency")
                .description("Time from a batch's decode to its committed transaction")
                .publishPercentileHistogram().register(registry);
        embeddings = Counter.builder("facestream.worker.embeddings")
                .description("Faces given an embedding (every face without tracking; a track's now and then)")
                .register(registry);
        embeddingLatency = Timer.builder("facestream.worker.embedding.latency")
                .description("Time per batch spent aligning and embedding faces").publishPercentileHistogram()
                .register(registry);
        Gauge.builder("facestream.worker.lag", lag, AtomicLong::get)
                .description("Frames waiting in the assigned partitions").register(registry);
    }

    void framesIn(int count) {
        framesIn.increment(count);
    }

    void eventOut(FaceDetections event) {
        eventsOut.get(event.getStatus()).increment();
        if (event.getStatus() == DetectionStatus.OK) {
            framesExamined.get(event.getScan()).increment();
        }
    }

    void deadLetter() {
        deadLetters.increment();
    }

    void batch(int size, StageTimes times, Duration elapsed) {
        batchSize.record(size);
        for (Stage stage : Stage.values()) {
            stageLatency.get(stage).record(times.nanos(stage), TimeUnit.NANOSECONDS);
        }
        batchLatency.record(elapsed);
    }

    void embeddings(List<ExaminedFrame> frames, Duration elapsed) {
        embeddings.increment(frames.stream().mapToLong(frame -> frame.embeddings().stream()
                .filter(embedding -> embedding != null).count()).sum());
        embeddingLatency.record(elapsed);
    }

    void lag(long frames) {
        lag.set(frames);
    }
}
