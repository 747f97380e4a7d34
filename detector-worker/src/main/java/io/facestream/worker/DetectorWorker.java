package io.facestream.worker;

import io.facestream.cascade.Face;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.RgbImage;
import io.facestream.cascade.StageTimes;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import io.facestream.schemas.KafkaSettings;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One detector worker: consumes frames as a member of the workers' consumer group, detects faces in
 * batches, and publishes exactly one {@link FaceDetections} per frame in a Kafka transaction together
 * with the consumed offsets, so a worker killed mid-batch leaves neither a gap nor a duplicate for a
 * read_committed reader.
 */
public final class DetectorWorker implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DetectorWorker.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int TRANSACTION_TIMEOUT_MS = 10_000;

    private final WorkerConfig config;
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final Serializer<FaceDetections> events;
    private final FaceDetector detector;
    private final FrameDecoder decoder;
    private final FaceEvents faceEvents;
    private final WorkerMetrics metrics;
    private final PendingBatch pending;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile Instant lastCommit;
    private volatile boolean failed;

    DetectorWorker(WorkerConfig config, Consumer<String, byte[]> consumer, Producer<String, byte[]> producer,
                   FrameCodec codec, FaceDetector detector, WorkerMetrics metrics, Clock clock) {
        this.config = config;
        this.consumer = consumer;
        this.producer = producer;
        this.events = codec.events();
        this.detector = detector;
        this.decoder = new FrameDecoder(codec.frames(), config.maxFrameAge(), config.decodeThreads(), clock);
        this.faceEvents = new FaceEvents(config.workerId(), detector.provider(), clock);
        this.metrics = metrics;
        this.pending = new PendingBatch(config.maxBatchSize(), config.maxBatchWait());
    }

    /** A worker connected to the cluster that {@code kafka} describes. */
    static DetectorWorker create(WorkerConfig config, KafkaSettings kafka, FaceDetector detector,
                                 WorkerMetrics metrics, Clock clock) {
        Map<String, Object> consumer = new HashMap<>(kafka.consumerConfig());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "detector-" + config.workerId());
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatchSize());
        consumer.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        Map<String, Object> producer = new HashMap<>(kafka.producerConfig());
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, "detector-" + config.workerId());
        // Unique per running worker; fencing of a zombie comes from the group metadata (EOS v2).
        producer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "face-stream-detector-" + config.workerId());
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A killed worker's open transaction holds back read_committed readers of its partitions until
        // it times out: keep that short, as a batch commits well within a second.
        producer.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        return new DetectorWorker(config,
                new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer()),
                new KafkaProducer<>(producer, new StringSerializer(), new ByteArraySerializer()),
                FrameCodec.avro(), detector, metrics, clock);
    }

    @Override
    public void run() {
        try {
            producer.initTransactions();
            consumer.subscribe(List.of(Topics.FRAMES), new Rebalance());
            while (running.get()) {
                Duration wait = pending.isEmpty() ? POLL : min(POLL, pending.remaining());
                pending.addAll(consumer.poll(wait));
                metrics.lag(currentLag());
                if (pending.isReady()) {
                    processAndCommit(pending.drain());
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            failed = true;
            log.error("worker {} stopped: {}", config.workerId(), e.toString(), e);
        } finally {
            finish();
        }
    }

    /** Finishes the batch in hand, then leaves the group. */
    private void finish() {
        try {
            if (!failed && !pending.isEmpty()) {
                processAndCommit(pending.drain());
            }
        } catch (RuntimeException e) {
            log.warn("worker {}: last batch not committed ({}); its frames go to the next owner", config.workerId(),
                    e.toString());
        } finally {
            closeQuietly(consumer);
            closeQuietly(producer);
            decoder.close();
            stopped.countDown();
        }
    }

    private void processAndCommit(List<ConsumerRecord<String, byte[]>> records) {
        long start = System.nanoTime();
        metrics.framesIn(records.size());
        List<FrameOutcome> outcomes = decoder.decodeAll(records);
        StageTimes times = new StageTimes();
        List<List<Face>> faces = detect(outcomes, times);
        producer.beginTransaction();
        try {
            publish(outcomes, faces);
            producer.sendOffsetsToTransaction(nextOffsets(records), consumer.groupMetadata());
            producer.commitTransaction();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            throw e; // fatal for this producer: another instance took over, or we may not write
        } catch (KafkaException e) {
            log.warn("worker {}: transaction aborted ({}); the batch is read again", config.workerId(), e.toString());
            producer.abortTransaction();
            rewind(records);
            return;
        }
        lastCommit = Instant.now();
        metrics.batch(records.size(), times, Duration.ofNanos(System.nanoTime() - start));
    }

    private List<List<Face>> detect(List<FrameOutcome> outcomes, StageTimes times) {
        List<RgbImage> images = new ArrayList<>();
        for (FrameOutcome outcome : outcomes) {
            if (outcome instanceof FrameOutcome.Decoded decoded) {
                images.add(decoded.image());
            }
        }
        return images.isEmpty() ? List.of() : detector.detectBatch(images, times);
    }

    private void publish(List<FrameOutcome> outcomes, List<List<Face>> faces) {
        Iterator<List<Face>> detections = faces.iterator();
        for (FrameOutcome outcome : outcomes) {
            outcome.deadLetterReason().ifPresent(reason -> deadLetter(outcome.record(), reason));
            outcome.event(faceEvents, detections).ifPresent(event -> {
                producer.send(new ProducerRecord<>(Topics.FACES, event.getCameraId(),
                        events.serialize(Topics.FACES, event)));
                metrics.eventOut(event.getStatus());
            });
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        // The key is the camera id (the frame itself may not be readable): a field of JSON logs.
        try (MDC.MDCCloseable camera = MDC.putCloseable("camera", String.valueOf(record.key()))) {
            log.warn("worker {}: frame at {}-{}@{} goes to {}: {}", config.workerId(), record.topic(),
                    record.partition(), record.offset(), Topics.dlq(record.topic()), reason);
        }
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dlq.reason", utf8(reason));
        headers.add("dlq.source", utf8(record.topic() + "-" + record.partition() + "@" + record.offset()));
        headers.add("dlq.worker", utf8(config.workerId()));
        producer.send(new ProducerRecord<>(Topics.dlq(record.topic()), null, record.key(), record.value(), headers));
        metrics.deadLetter();
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            offsets.merge(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return offsets;
    }

    /** After an aborted transaction: read the batch's partitions again from the batch's first frames. */
    private void rewind(List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        Set<TopicPartition> owned = consumer.assignment();
        first.forEach((partition, offset) -> {
            if (owned.contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
    }

    private long currentLag() {
        long total = 0;
        for (TopicPartition partition : assignment) {
            total += consumer.currentLag(partition).orElse(0);
        }
        return total;
    }

    /** Whether the worker loop runs (the health endpoint's answer). */
    public boolean isAlive() {
        return stopped.getCount() > 0 && !failed;
    }

    public Set<TopicPartition> assignment() {
        return assignment;
    }

    /** When the last batch was committed; null before the first. */
    public Instant lastCommit() {
        return lastCommit;
    }

    public String workerId() {
        return config.workerId();
    }

    /** Stops after the batch in hand is committed; waits up to 30 seconds for that. */
    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                log.warn("worker {} did not stop within 30 s", config.workerId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            pending.dropPartitions(partitions);
            assignment = Set.copyOf(consumer.assignment());
            if (!partitions.isEmpty()) {
                log.info("worker {} gave up {}", config.workerId(), partitions);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignment = Set.copyOf(consumer.assignment());
            if (!partitions.isEmpty()) {
                log.info("worker {} took {}", config.workerId(), partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("close failed: {}", e.toString());
        }
    }
}
