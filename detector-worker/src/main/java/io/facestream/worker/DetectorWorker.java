package io.facestream.worker;

import io.facestream.cascade.StageTimes;
import io.facestream.recognition.FaceEmbedder;
import io.facestream.schemas.FatalErrors;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.DetectionSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import io.facestream.schemas.KafkaSettings;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One detector worker: consumes frames as a member of the workers' consumer group, detects faces in
 * batches, and publishes exactly one {@code FaceDetections} event per frame in a Kafka transaction
 * together with the consumed offsets, so a worker killed mid-batch leaves neither a gap nor a duplicate
 * for a read_committed reader. Polling and detection run on the worker's thread; a batch's transaction
 * runs on the {@link BatchCommitter}'s while the next batches are detected.
 */
public final class DetectorWorker implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DetectorWorker.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration HANDOVER_CHECK = Duration.ofMillis(5);
    /** Detected batches waiting for a slow commit, at most: they hold decoded frames. */
    private static final int MAX_UNCOMMITTED = 4;
    private static final int TRANSACTION_TIMEOUT_MS = 5_000;

    private final WorkerConfig config;
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final CameraTrackers trackers;
    /** Null when this worker computes no embeddings. */
    private final FaceEmbeddings embeddings;
    private final FrameDecoder decoder;
    private final BatchCommitter committer;
    private final WorkerMetrics metrics;
    private final PendingBatch pending;
    /** Detected, waiting for the committer to finish the transaction before. */
    private final List<BatchCommitter.DetectedBatch> uncommitted = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile boolean failed;

    DetectorWorker(WorkerConfig config, Consumer<String, byte[]> consumer, Producer<String, byte[]> producer,
                   FrameCodec codec, Detectors detectors, FaceEmbedder embedder,
                   Function<String, DetectionSettings> cameraSettings, WorkerMetrics metrics, Clock clock) {
        this.config = config;
        this.consumer = consumer;
        this.producer = producer;
        this.trackers = new CameraTrackers(detectors, config.tracker(), cameraSettings, config.workerId());
        this.embeddings = embedder == null ? null
                : new FaceEmbeddings(embedder, config.embeddingInterval().toMillis(),
                        camera -> embedsCamera(cameraSettings.apply(camera)));
        this.decoder = new FrameDecoder(codec.frames(), config.maxFrameAge(), config.maxFramePixels(),
                config.decodeThreads(), clock);
        this.committer = new BatchCommitter(config.workerId(), producer, codec.events(),
                new FaceEvents(config.workerId(), detectors.workerModel(), detectors.provider(),
                        config.maxFramePixels(), clock), metrics);
        this.metrics = metrics;
        this.pending = new PendingBatch(config.maxBatchSize(), config.maxBatchWait());
    }

    /** A worker connected to the cluster that {@code kafka} describes; {@code cameraSettings} gives a camera's own. */
    static DetectorWorker create(WorkerConfig config, KafkaSettings kafka, Detectors detectors, FaceEmbedder embedder,
                                 Function<String, DetectionSettings> cameraSettings, WorkerMetrics metrics, Clock clock) {
        return new DetectorWorker(config,
                new KafkaConsumer<>(consumerConfig(config, kafka), new StringDeserializer(), new ByteArrayDeserializer()),
                new KafkaProducer<>(producerConfig(config, kafka), new StringSerializer(), new ByteArraySerializer()),
                FrameCodec.avro(), detectors, embedder, cameraSettings, metrics, clock);
    }

    static Map<String, Object> consumerConfig(WorkerConfig config, KafkaSettings kafka) {
        Map<String, Object> consumer = new HashMap<>(kafka.consumerConfig());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "detector-" + config.workerId());
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatchSize());
        // The consumer group protocol (KIP-848): the broker notices a dead worker within its session timeout and
        // moves the worker's partitions at once, with no group-wide rebalance. KAFKA_CLIENT_GROUP_PROTOCOL=classic
        // is for clusters without it.
        consumer.putIfAbsent(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        String protocol = String.valueOf(consumer.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG));
        if (GroupProtocol.of(protocol) == GroupProtocol.CLASSIC) {
            consumer.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                    CooperativeStickyAssignor.class.getName());
        }
        return consumer;
    }

    static Map<String, Object> producerConfig(WorkerConfig config, KafkaSettings kafka) {
        Map<String, Object> producer = new HashMap<>(kafka.producerConfig());
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, "detector-" + config.workerId());
        // Unique per running worker; fencing of a zombie comes from the group metadata (EOS v2).
        producer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "face-stream-detector-" + config.workerId());
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A killed worker's open transaction holds back read_committed readers of its partitions, and the
        // committed offsets of its frames partitions, until it times out: keep that short (as short as the
        // group's session timeout), as a batch commits well within a second.
        producer.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        return producer;
    }

    @Override
    public void run() {
        try {
            producer.initTransactions();
            requireFacesPartitionForEveryFramesPartition();
            consumer.subscribe(List.of(Topics.FRAMES), new Rebalance());
            while (running.get()) {
                pending.addAll(consumer.poll(pollWait()));
                metrics.lag(currentLag());
                if (pending.isReady()) {
                    uncommitted.add(decodeAndDetect(pending.drain()));
                }
                // Also with nothing new detected: an aborted transaction's frames are read again without waiting
                // for more frames to come.
                if (committer.isIdle() || uncommitted.size() >= MAX_UNCOMMITTED) {
                    handOver();
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException | Error e) {
            failed = true;
            if (FatalErrors.isFatal(e)) {
                throw e; // out of memory, say, maybe wrapped by a decoding thread: the process's policy ends it
            }
            log.error("worker {} stopped: {}", config.workerId(), e.toString(), e);
        } finally {
            finish();
        }
    }

    /**
     * Each event goes to the {@code faces} partition with its frame's number (see {@link BatchCommitter}); with fewer,
     * every transaction would fail. Topics not created yet are not checked.
     */
    private void requireFacesPartitionForEveryFramesPartition() {
        int frames = consumer.partitionsFor(Topics.FRAMES).size();
        int faces = consumer.partitionsFor(Topics.FACES).size();
        if (faces > 0 && faces < frames) {
            throw new IllegalStateException("topic " + Topics.FACES + " has " + faces + " partitions, fewer than the "
                    + frames + " of " + Topics.FRAMES + ": create both with the same count (face-stream topics)");
        }
    }

    /** Finishes the batches in hand, then leaves the group. */
    private void finish() {
        try {
            if (!failed && !pending.isEmpty()) {
                uncommitted.add(decodeAndDetect(pending.drain()));
            }
            commitAll();
        } catch (RuntimeException e) {
            log.warn("worker {}: last batch not committed ({}); its frames go to the next owner", config.workerId(),
                    e.toString());
        } finally {
            committer.close();
            closeQuietly(consumer);
            closeQuietly(producer);
            decoder.close();
            trackers.close();
            stopped.countDown();
        }
    }

    private BatchCommitter.DetectedBatch decodeAndDetect(List<ConsumerRecord<String, byte[]>> records) {
        long start = System.nanoTime();
        metrics.framesIn(records.size());
        List<FrameOutcome> outcomes = decoder.decodeAll(records);
        StageTimes times = new StageTimes();
        return new BatchCommitter.DetectedBatch(records, outcomes, detect(outcomes, times), times, start);
    }

    /** Waits for the transaction in flight, then starts one for every batch detected meanwhile. */
    private void handOver() {
        Optional<List<BatchCommitter.DetectedBatch>> aborted = committer.awaitInFlight();
        if (aborted.isPresent()) {
            // The batches detected since follow the aborted ones in some partitions: read all again.
            List<BatchCommitter.DetectedBatch> all = new ArrayList<>(aborted.get());
            all.addAll(uncommitted);
            uncommitted.clear();
            rewind(all);
        } else if (!uncommitted.isEmpty()) {
            committer.start(List.copyOf(uncommitted), consumer.groupMetadata());
            uncommitted.clear();
        }
    }

    /** Commits every detected batch and waits for it; aborted ones are read again. */
    private void commitAll() {
        handOver();
        committer.awaitInFlight().ifPresent(this::rewind);
    }

    private List<ExaminedFrame> detect(List<FrameOutcome> outcomes, StageTimes times) {
        List<FrameOutcome.Decoded> frames = new ArrayList<>();
        for (FrameOutcome outcome : outcomes) {
            if (outcome instanceof FrameOutcome.Decoded decoded) {
                frames.add(decoded);
            }
        }
        if (frames.isEmpty()) {
            return List.of();
        }
        List<ExaminedFrame> found = trackers.examine(frames, times);
        if (embeddings == null) {
            return found;
        }
        long start = System.nanoTime();
        List<ExaminedFrame> examined = embeddings.embed(frames.stream().map(f -> f.frame().getCameraId()).toList(),
                frames.stream().map(FrameOutcome.Decoded::image).toList(), found);
        metrics.embeddings(examined, Duration.ofNanos(System.nanoTime() - start));
        return examined;
    }

    /** Whether a camera with these settings (null: none) gets embeddings from a worker that computes them. */
    private static boolean embedsCamera(DetectionSettings settings) {
        return settings == null || !Boolean.FALSE.equals(settings.getEmbeddings());
    }

    /** After an aborted transaction: read the batches' partitions again from their first frames. */
    private void rewind(List<BatchCommitter.DetectedBatch> batches) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (BatchCommitter.DetectedBatch batch : batches) {
            for (ConsumerRecord<String, byte[]> record : batch.records()) {
                first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
            }
        }
        Set<TopicPartition> owned = consumer.assignment();
        first.forEach((partition, offset) -> {
            if (owned.contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
        pending.dropPartitions(first.keySet()); // polled later than the rewound frames: read again too
        trackers.drop(first.keySet()); // they followed the frames read again: those start afresh
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
        return committer.lastCommit();
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
            commitAll(); // offsets may only be committed while the partitions are ours
            pending.dropPartitions(partitions);
            trackers.drop(partitions); // the next owner starts with a full scan, and so do we if it comes back
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

    /** Up to the batch's deadline; briefly while detected batches wait for the committer. */
    private Duration pollWait() {
        Duration wait = pending.isEmpty() ? POLL : min(POLL, pending.remaining());
        return uncommitted.isEmpty() ? wait : min(wait, HANDOVER_CHECK);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("close failed: {}", e.toString());
        }
    }
}
