package io.facestream.sink;

import java.time.Duration;
import java.util.Collection;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * Holds a consumer's records back while a write waits for the database, without leaving the group: every partition
 * is paused, partitions assigned meanwhile too, and the paused consumer is polled through the waits, since one not
 * polled for longer than max.poll.interval.ms loses its partitions and can no longer commit. Used from the consumer's
 * own thread only; subscribe with it as the rebalance listener.
 */
public final class PauseWhileRetrying implements ConsumerRebalanceListener {
    private static final long STEP_NANOS = Duration.ofMillis(200).toNanos();

    private final Consumer<?, ?> consumer;
    private boolean paused;

    public PauseWhileRetrying(Consumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    /** Pauses the partitions, then polls for {@code wait}; false as soon as {@code closing} says so. */
    public boolean waitOut(Duration wait, BooleanSupplier closing) {
        if (!paused) {
            consumer.pause(consumer.assignment());
            paused = true;
        }
        long end = System.nanoTime() + wait.toNanos();
        for (long left = wait.toNanos(); left > 0; left = end - System.nanoTime()) {
            if (closing.getAsBoolean()) {
                return false;
            }
            if (!consumer.poll(Duration.ofNanos(Math.min(left, STEP_NANOS))).isEmpty()) {
                throw new IllegalStateException("a paused consumer returned records");
            }
        }
        return !closing.getAsBoolean();
    }

    /** After a write that succeeded: resumes the partitions; whether they had been paused. */
    public boolean end() {
        if (!paused) {
            return false;
        }
        consumer.resume(consumer.paused());
        paused = false;
        return true;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (paused) {
            consumer.pause(partitions);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    }
}
