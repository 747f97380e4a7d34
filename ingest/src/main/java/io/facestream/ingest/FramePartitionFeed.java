package io.facestream.ingest;

import io.facestream.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link FramePartitions} up to date with the partition of every camera, this instance's or not, read from all
 * partitions of the {@code cameras} topic: a new camera's partition is chosen among all the cameras' partitions.
 * Values are not read, only keys, headers and tombstones.
 */
final class FramePartitionFeed {
    private static final Logger log = LoggerFactory.getLogger(FramePartitionFeed.class);

    private final Consumer<String, byte[]> consumer;
    private final FramePartitions partitions;

    FramePartitionFeed(Consumer<String, byte[]> consumer, FramePartitions partitions) {
        this.consumer = consumer;
        this.partitions = partitions;
    }

    /** Reads the topic from its beginning up to its end now, or until {@code timeout}. */
    void catchUp(Duration timeout) {
        List<TopicPartition> all = consumer.partitionsFor(Topics.CAMERAS, timeout).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(all);
        consumer.seekToBeginning(all);
        Map<TopicPartition, Long> ends = consumer.endOffsets(all, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            if (System.nanoTime() > deadline) {
                log.warn("cameras: not read to the end within {}; new cameras may share frames partitions", timeout);
                return;
            }
            pollOnce(Duration.ofMillis(100));
        }
    }

    /** Applies the changes that have come since. */
    void pollOnce(Duration timeout) {
        consumer.poll(timeout).forEach(this::apply);
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            partitions.forget(record.key());
        } else {
            partitions.stampOf(record.headers()).ifPresent(partition -> partitions.record(record.key(), partition));
        }
    }
}
