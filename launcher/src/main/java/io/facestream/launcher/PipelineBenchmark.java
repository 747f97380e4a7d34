package io.facestream.launcher;

import io.facestream.broker.EmbeddedKafkaBroker;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.KafkaSettings;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import io.facestream.schemas.avro.FrameScan;
import io.facestream.worker.WorkerConfig;
import io.facestream.worker.WorkerService;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Offers frames from synthetic cameras at a fixed rate to the real pipeline (embedded broker, detector
 * workers) and measures what comes out: sustained detections per second, the latency from capture
 * to the event's arrival at a read_committed consumer, and whether a queue built up.
 *
 * <p>The warm-up lasts until the JIT compiler has settled: the in-process broker's and clients' code
 * is compiled for minutes, and while it is, the compiler takes CPU that detection needs.
 */
final class PipelineBenchmark {
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final double MIN_WARMUP_SECONDS = 30;
    private static final double WARMUP_STEP_SECONDS = 15;
    /** The compiler's share of all cores below which the warm-up ends. */
    private static final double SETTLED_JIT_PERCENT = 2;
    /** The most the queue may grow during the measurement, in seconds of offered frames, for a sustained load. */
    private static final double SUSTAINED_QUEUE_GROWTH_SECONDS = 0.5;

    private final double fps;
    private final int workers;
    private final boolean tracking;
    private final double maxWarmupSeconds;
    private final double seconds;

    PipelineBenchmark(double fps, int workers, boolean tracking, double maxWarmupSeconds, double seconds) {
        this.fps = fps;
        this.workers = workers;
        this.tracking = tracking;
        this.maxWarmupSeconds = maxWarmupSeconds;
        this.seconds = seconds;
    }

    /**
     * What was measured; {@code jitPercent} is the compiler's share of all cores during the measurement.
     * {@code framesPerSecond} counts the frames examined, {@code sentFramesPerSecond} those the cameras sent;
     * {@code queuedAtStart} and {@code queuedAtEnd} are the frames sent and not yet answered by an event when the
     * measurement began and ended; {@code scans} counts how the examined frames were scanned. The load was
     * {@code sustained} when every frame was examined and the queue grew by less than half a second of offered
     * frames. {@code provider} is where the workers ran the networks, as their events say: cpu or cuda (both,
     * joined by a comma, where workers differed; none where no frame was examined).
     */
    record Result(int cameras, double fpsPerCamera, int workers, double offeredFramesPerSecond,
                  double warmupSeconds, double framesPerSecond, double p50Ms, double p95Ms, double p99Ms,
                  long framesNotExamined, double cpuPercent, double jitPercent, String frames, boolean tracking,
                  double sentFramesPerSecond, long queuedAtStart, long queuedAtEnd, Map<FrameScan, Long> scans,
                  boolean sustained, String provider) {
    }

    Result run(SyntheticCameras cameras, Path dataDir, PrintWriter progress) throws IOException, InterruptedException {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
            broker.createTopics(Topics.specs());
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
            WorkerConfig config = WorkerConfig.fromEnvironment().withHttpPort(0).withTracking(tracking);
            try (WorkerService service = WorkerService.start(config, kafka, workers);
                 KafkaProducer<String, byte[]> producer = producer(kafka);
                 KafkaConsumer<String, FaceDetections> events = consumer(kafka)) {
                ScheduledExecutorService cameraClock = startCameras(producer, cameras);
                try {
                    Answers answers = new Answers();
                    double warmup = warmUp(events, answers, progress);
                    Measurement measured = new Measurement(cameras, answers);
                    Usage before = Usage.now();
                    drain(events, seconds, answers, measured);
                    Usage used = Usage.now().since(before);
                    return measured.result(warmup, used);
                } finally {
                    cameraClock.shutdownNow();
                }
            }
        }
    }

    private ScheduledExecutorService startCameras(KafkaProducer<String, byte[]> producer, SyntheticCameras cameras) {
        Serializer<Frame> frames = new AvroSerde<>(Frame.class).serializer();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(1);
        long periodMicros = Math.round(1e6 / fps);
        int count = cameras.count();
        for (int c = 0; c < count; c++) {
            int camera = c;
            clock.scheduleAtFixedRate(() -> producer.send(new ProducerRecord<>(Topics.FRAMES,
                            SyntheticCameras.id(camera), frames.serialize(Topics.FRAMES, cameras.next(camera)))),
                    c * periodMicros / count, periodMicros, TimeUnit.MICROSECONDS);
        }
        return clock;
    }

    /** Runs the cameras until the JIT has settled, or for the longest warm-up; returns its length in seconds. */
    private double warmUp(KafkaConsumer<String, FaceDetections> events, Answers answers, PrintWriter progress) {
        long start = System.nanoTime();
        while (true) {
            Usage before = Usage.now();
            double left = maxWarmupSeconds - (System.nanoTime() - start) / 1e9;
            drain(events, Math.min(WARMUP_STEP_SECONDS, left), answers, null);
            double jit = Usage.now().since(before).jitPercent();
            double elapsed = (System.nanoTime() - start) / 1e9;
            progress.printf(Locale.ROOT, "warming up: %.0f s, JIT compiler at %.1f%% of the CPU%n", elapsed, jit);
            progress.flush();
            if (elapsed >= maxWarmupSeconds || (elapsed >= MIN_WARMUP_SECONDS && jit < SETTLED_JIT_PERCENT)) {
                return elapsed;
            }
        }
    }

    /** The CPU time of this process, and the time its JIT compiler threads spent compiling, at a moment. */
    private record Usage(long wallNanos, long cpuNanos, long jitMillis) {
        static Usage now() {
            return new Usage(System.nanoTime(),
                    ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                            .getProcessCpuTime(),
                    ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
        }

        Usage since(Usage before) {
            return new Usage(wallNanos - before.wallNanos, cpuNanos - before.cpuNanos, jitMillis - before.jitMillis);
        }

        double seconds() {
            return wallNanos / 1e9;
        }

        double cpuPercent() {
            return 100.0 * cpuNanos / (wallNanos * (double) CORES);
        }

        double jitPercent() {
            return 100.0 * jitMillis * 1e6 / (wallNanos * (double) CORES);
        }
    }

    private static void drain(KafkaConsumer<String, FaceDetections> events, double seconds, Answers answers,
                              Measurement into) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            for (ConsumerRecord<String, FaceDetections> record : events.poll(Duration.ofMillis(100))) {
                answers.add(record.value());
                if (into != null) {
                    into.add(record.value(), System.currentTimeMillis());
                }
            }
        }
    }

    /** The last frame of each camera that got its event: what was sent after it is still queued. */
    private static final class Answers {
        private final Map<String, Long> lastSequence = new HashMap<>();

        void add(FaceDetections event) {
            lastSequence.merge(event.getCameraId(), event.getSequence(), Math::max);
        }

        /** Frames sent and not yet answered. */
        long queued(SyntheticCameras cameras) {
            long queued = 0;
            for (int c = 0; c < cameras.count(); c++) {
                queued += cameras.sent(c) - 1 - lastSequence.getOrDefault(SyntheticCameras.id(c), -1L);
            }
            return queued;
        }
    }

    /** What the measurement window saw. */
    private final class Measurement {
        private final SyntheticCameras cameras;
        private final Answers answers;
        private final long sentAtStart;
        private final long queuedAtStart;
        private final Map<FrameScan, Long> scans = new EnumMap<>(FrameScan.class);
        private final Set<String> providers = new TreeSet<>();
        private long[] latencies = new long[1024];
        private int examined;
        private long notExamined;

        Measurement(SyntheticCameras cameras, Answers answers) {
            this.cameras = cameras;
            this.answers = answers;
            this.sentAtStart = cameras.sent();
            this.queuedAtStart = answers.queued(cameras);
            for (FrameScan scan : FrameScan.values()) {
                scans.put(scan, 0L);
            }
        }

        void add(FaceDetections event, long receivedAtMillis) {
            if (event.getStatus() != DetectionStatus.OK) {
                notExamined++;
                return;
            }
            scans.merge(event.getScan(), 1L, Long::sum);
            providers.add(event.getProvider());
            if (examined == latencies.length) {
                latencies = Arrays.copyOf(latencies, 2 * examined);
            }
            latencies[examined++] = receivedAtMillis - event.getCaptureTime().toEpochMilli();
        }

        Result result(double warmupSeconds, Usage used) {
            long sent = cameras.sent() - sentAtStart;
            long queuedAtEnd = answers.queued(cameras);
            double offered = cameras.count() * fps;
            boolean sustained = notExamined == 0
                    && queuedAtEnd - queuedAtStart < SUSTAINED_QUEUE_GROWTH_SECONDS * offered;
            long[] sorted = Arrays.copyOf(latencies, examined);
            Arrays.sort(sorted);
            return new Result(cameras.count(), fps, workers, offered, warmupSeconds, examined / used.seconds(),
                    percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99), notExamined,
                    used.cpuPercent(), used.jitPercent(), cameras.source(), tracking, sent / used.seconds(),
                    queuedAtStart, queuedAtEnd, scans, sustained,
                    providers.isEmpty() ? "none" : String.join(",", providers));
        }

        private double percentile(long[] sorted, double fraction) {
            return sorted.length == 0 ? Double.NaN
                    : sorted[(int) Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
        }
    }

    private static KafkaProducer<String, byte[]> producer(KafkaSettings kafka) {
        Map<String, Object> config = new HashMap<>(kafka.producerConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(config, new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    private static KafkaConsumer<String, FaceDetections> consumer(KafkaSettings kafka) {
        Map<String, Object> config = new HashMap<>(kafka.consumerConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        KafkaConsumer<String, FaceDetections> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new AvroSerde<>(FaceDetections.class).deserializer());
        consumer.subscribe(List.of(Topics.FACES));
        return consumer;
    }
}
