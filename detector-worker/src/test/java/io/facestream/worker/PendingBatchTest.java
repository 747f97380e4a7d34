package io.facestream.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PendingBatchTest {

    private static ConsumerRecords<String, byte[]> records(int partition, int count) {
        TopicPartition tp = new TopicPartition("frames", partition);
        List<ConsumerRecord<String, byte[]>> list = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new ConsumerRecord<>("frames", partition, i, "cam", new byte[0]));
        }
        return new ConsumerRecords<>(Map.of(tp, list), Map.of());
    }

    @Test
    void readyWhenFull() {
        PendingBatch batch = new PendingBatch(4, Duration.ofHours(1));
        batch.addAll(records(0, 3));
        assertThat(batch.isReady()).isFalse();
        batch.addAll(records(1, 1));
        assertThat(batch.isReady()).isTrue();
        assertThat(batch.drain()).hasSize(4);
        assertThat(batch.isEmpty()).isTrue();
    }

    @Test
    void readyWhenTheFirstFrameHasWaitedLongEnough() throws InterruptedException {
        PendingBatch batch = new PendingBatch(100, Duration.ofMillis(20));
        assertThat(batch.isReady()).as("an empty batch is never ready").isFalse();
        batch.addAll(records(0, 1));
        Thread.sleep(30);
        assertThat(batch.isReady()).isTrue();
        assertThat(batch.remaining()).isZero();
    }

    @Test
    void revokedPartitionsLeaveTheBatch() {
        PendingBatch batch = new PendingBatch(100, Duration.ofHours(1));
        batch.addAll(records(0, 2));
        batch.addAll(records(1, 3));
        batch.dropPartitions(List.of(new TopicPartition("frames", 1)));
        assertThat(batch.drain()).hasSize(2).allMatch(r -> r.partition() == 0);
    }
}
