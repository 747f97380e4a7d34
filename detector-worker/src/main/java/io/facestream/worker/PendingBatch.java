package io.facestream.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Frames gathered across polls until the batch is full or its first frame has waited long enough:
 * bigger batches use the cascade better, the wait bounds the latency that costs.
 */
final class PendingBatch {
    private final int maxSize;
    private final long maxWaitNanos;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    private long firstArrival;

    PendingBatch(int maxSize, Duration maxWait) {
        this.maxSize = maxSize;
        this.maxWaitNanos = maxWait.toNanos();
    }

    void addAll(ConsumerRecords<String, byte[]> polled) {
        for (ConsumerRecord<String, byte[]> record : polled) {
            if (records.isEmpty()) {
                firstArrival = System.nanoTime();
            }
            records.add(record);
        }
    }

    boolean isEmpty() {
        return records.isEmpty();
    }

    boolean isReady() {
        return records.size() >= maxSize || (!records.isEmpty() && remaining().isZero());
    }

    /** How much longer the first frame may wait. */
    Duration remaining() {
        long left = maxWaitNanos - (System.nanoTime() - firstArrival);
        return Duration.ofNanos(Math.max(0, left));
    }

    /** Forgets the frames of partitions this worker no longer owns: uncommitted, their next owner reads them again. */
    void dropPartitions(Collection<TopicPartition> partitions) {
        records.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
    }

    List<ConsumerRecord<String, byte[]>> drain() {
        List<ConsumerRecord<String, byte[]>> batch = List.copyOf(records);
        records.clear();
        return batch;
    }
}
