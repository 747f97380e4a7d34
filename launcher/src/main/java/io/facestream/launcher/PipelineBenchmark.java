package io.facestream.launcher;

import io.facestream.broker.EmbeddedKafkaBroker;
import io.facestream.cascade.RgbImage;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.KafkaSettings;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import io.facestream.schemas.avro.FrameEncoding;
import io.facestream.worker.WorkerConfig;
import io.facestream.worker.WorkerService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Offers frames from synthetic cameras at a fixed rate to the real pipeline (embedded broker, detector
 * workers) and measures what comes out: sustained detections per second and the latency from capture
 * to the event's arrival at a read_committed consumer.
 */
final class PipelineBenchmark {
    private final int cameras;
    private final double fps;
    private final int workers;
    private final double warmupSeconds;
    private final double seconds;

    PipelineBenchmark(int cameras, double fps, int workers, double warmupSeconds, double seconds) {
        this.cameras = cameras;
        this.fps = fps;
        this.workers = workers;
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
    }

    record Result(int cameras, double fpsPerCamera, int workers, double offeredFramesPerSecond,
                  double framesPerSecond, double p50Ms, double p95Ms, double p99Ms, long framesNotExamined,
                  double cpuPercent) {
    }

    Result run(RgbImage image, Path dataDir) throws IOException, InterruptedException {
        byte[] jpeg = jpeg(image);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
            broker.createTopics(Topics.specs());
            KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
            WorkerConfig config = WorkerConfig.fromEnvironment().withHttpPort(0);
            try (WorkerService service = WorkerService.start(config, kafka, workers);
                 KafkaProducer<String, byte[]> producer = producer(kafka);
                 KafkaConsumer<String, FaceDetections> events = consumer(kafka)) {
                ScheduledExecutorService cameraClock = startCameras(producer, jpeg, image);
                try {
                    drain(events, warmupSeconds, null);
                    Measurement measured = new Measurement();
                    long cpuBefore = processCpuNanos();
                    long start = System.nanoTime();
                    drain(events, seconds, measured);
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    double cpu = 100.0 * (processCpuNanos() - cpuBefore) / (elapsed * 1e9
                            * Runtime.getRuntime().availableProcessors());
                    return measured.result(elapsed, cpu);
                } finally {
                    cameraClock.shutdownNow();
                }
            }
        }
    }

    private ScheduledExecutorService startCameras(KafkaProducer<String, byte[]> producer, byte[] jpeg,
                                                  RgbImage image) {
        AvroSerde<Frame> frames = new AvroSerde<>(Frame.class);
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(1);
        long periodMicros = Math.round(1e6 / fps);
        for (int c = 0; c < cameras; c++) {
            String camera = "bench-" + c;
            long[] sequence = {0};
            clock.scheduleAtFixedRate(() -> {
                Instant now = Instant.now();
                Frame frame = Frame.newBuilder().setCameraId(camera).setSequence(sequence[0]++).setCaptureTime(now)
                        .setIngestTime(now).setWidth(image.width()).setHeight(image.height())
                        .setEncoding(FrameEncoding.JPEG).setData(ByteBuffer.wrap(jpeg)).build();
                producer.send(new ProducerRecord<>(Topics.FRAMES, camera, frames.serializer()
                        .serialize(Topics.FRAMES, frame)));
            }, c * periodMicros / cameras, periodMicros, TimeUnit.MICROSECONDS);
        }
        return clock;
    }

    private static void drain(KafkaConsumer<String, FaceDetections> events, double seconds, Measurement into) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            for (ConsumerRecord<String, FaceDetections> record : events.poll(Duration.ofMillis(100))) {
                if (into != null) {
                    into.add(record.value(), System.currentTimeMillis());
                }
            }
        }
    }

    /** What the measurement window saw. */
    private final class Measurement {
        private long[] latencies = new long[1024];
        private int examined;
        private long notExamined;

        void add(FaceDetections event, long receivedAtMillis) {
            if (event.getStatus() != DetectionStatus.OK) {
                notExamined++;
                return;
            }
            if (examined == latencies.length) {
                latencies = Arrays.copyOf(latencies, 2 * examined);
            }
            latencies[examined++] = receivedAtMillis - event.getCaptureTime().toEpochMilli();
        }

        Result result(double elapsedSeconds, double cpuPercent) {
            long[] sorted = Arrays.copyOf(latencies, examined);
            Arrays.sort(sorted);
            return new Result(cameras, fps, workers, cameras * fps, examined / elapsedSeconds,
                    percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99), notExamined,
                    cpuPercent);
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

    private static byte[] jpeg(RgbImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image.toBufferedImage(), "jpg", out);
        return out.toByteArray();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
