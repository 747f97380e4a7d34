package io.facestream.worker;

import io.facestream.cascade.StageTimes;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.FaceDetections;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Publishes detected batches — one event per frame, the dead letters, the consumed offsets — in one
 * Kafka transaction, on a thread of its own: the transaction's round trips to the broker (a tenth of
 * the worker's time when they ran in line, measured with async-profiler's wall-clock mode) overlap the
 * detection of the next batches. One transaction is in flight at a time; it takes every batch
 * detected while the one before was committed.
 */
final class BatchCommitter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatchCommitter.class);

    /** A batch ready to publish: its records, what became of each, and the faces of the decoded ones. */
    record DetectedBatch(List<ConsumerRecord<String, byte[]>> records, List<FrameOutcome> outcomes,
                         List<ExaminedFrame> faces, StageTimes times, long startNanos) {
    }

    private final String workerId;
    private final Producer<String, byte[]> producer;
    private final Serializer<FaceDetections> events;
    private final FaceEvents faceEvents;
    private final WorkerMetrics metrics;
    private final ExecutorService thread;
    private Future<Optional<List<DetectedBatch>>> inFlight = CompletableFuture.completedFuture(Optional.empty());
    private volatile Instant lastCommit;

    BatchCommitter(String workerId, Producer<String, byte[]> producer, Serializer<FaceDetections> events,
                   FaceEvents faceEvents, WorkerMetrics metrics) {
        this.workerId = workerId;
        this.producer = producer;
        this.events = events;
        this.faceEvents = faceEvents;
        this.metrics = metrics;
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread committer = new Thread(task, "commit-" + workerId);
            committer.setDaemon(true);
            return committer;
        });
    }

    /** Starts publishing {@code batches} in one transaction; call {@link #awaitInFlight()} first. */
    void start(List<DetectedBatch> batches, ConsumerGroupMetadata group) {
        inFlight = thread.submit(() -> commit(batches, group));
    }

    /** Whether no transaction is in flight (a new one can start without waiting). */
    boolean isIdle() {
        return inFlight.isDone();
    }

    /**
     * Waits for the transaction in flight; returns its batches if it was aborted, so their frames can
     * be read again. Rethrows what makes this producer unusable (fenced, not authorised).
     */
    Optional<List<DetectedBatch>> awaitInFlight() {
        try {
            return inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while committing a batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            inFlight = CompletableFuture.completedFuture(Optional.empty());
        }
    }

    /** When the last batch was committed; null before the first. */
    Instant lastCommit() {
        return lastCommit;
    }

    private Optional<List<DetectedBatch>> commit(List<DetectedBatch> batches, ConsumerGroupMetadata group) {
        producer.beginTransaction();
        try {
            batches.forEach(this::publish);
            producer.sendOffsetsToTransaction(nextOffsets(batches), group);
            producer.commitTransaction();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            throw e; // fatal for this producer: another instance took over, or we may not write
        } catch (KafkaException e) {
            log.warn("worker {}: transaction aborted ({}); its frames are read again", workerId, e.toString());
            producer.abortTransaction();
            return Optional.of(batches);
        }
        lastCommit = Instant.now();
        for (DetectedBatch batch : batches) {
            metrics.batch(batch.records().size(), batch.times(), Duration.ofNanos(System.nanoTime() - batch.startNanos()));
        }
        return Optional.empty();
    }

    private void publish(DetectedBatch batch) {
        Iterator<ExaminedFrame> detections = batch.faces().iterator();
        for (FrameOutcome outcome : batch.outcomes()) {
            outcome.deadLetterReason().ifPresent(reason -> deadLetter(outcome.record(), reason));
            outcome.event(faceEvents, detections).ifPresent(event -> {
                // The frame's partition, not the key's hash: ingest places cameras on frames partitions, and the
                // sink joins each faces partition with the frames partition of the same number.
                producer.send(new ProducerRecord<>(Topics.FACES, outcome.record().partition(), event.getCameraId(),
                        events.serialize(Topics.FACES, event)));
                metrics.eventOut(event);
            });
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        // The key is the camera id (the frame itself may not be readable): a field of JSON logs.
        try (MDC.MDCCloseable camera = MDC.putCloseable("camera", String.valueOf(record.key()))) {
            log.warn("worker {}: frame at {}-{}@{} goes to {}: {}", workerId, record.topic(),
                    record.partition(), record.offset(), Topics.dlq(record.topic()), reason);
        }
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dlq.reason", utf8(reason));
        headers.add("dlq.source", utf8(record.topic() + "-" + record.partition() + "@" + record.offset()));
        headers.add("dlq.worker", utf8(workerId));
        producer.send(new ProducerRecord<>(Topics.dlq(record.topic()), null, record.key(), record.value(), headers));
        metrics.deadLetter();
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<DetectedBatch> batches) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (DetectedBatch batch : batches) {
            for (ConsumerRecord<String, byte[]> record : batch.records()) {
                offsets.merge(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1),
                        (a, b) -> a.offset() >= b.offset() ? a : b);
            }
        }
        return offsets;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
