package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FreshestFrameQueueTest {

    @Test
    void fullQueueDropsTheOldestAndKeepsTheFreshest() throws Exception {
        FreshestFrameQueue<Integer> queue = new FreshestFrameQueue<>(3);
        assertThat(queue.add(1)).isNull();
        assertThat(queue.add(2)).isNull();
        assertThat(queue.add(3)).isNull();
        assertThat(queue.add(4)).isEqualTo(1);
        assertThat(queue.add(5)).isEqualTo(2);
        assertThat(queue.poll(0, TimeUnit.MILLISECONDS)).isEqualTo(3);
        assertThat(queue.poll(0, TimeUnit.MILLISECONDS)).isEqualTo(4);
        assertThat(queue.poll(0, TimeUnit.MILLISECONDS)).isEqualTo(5);
        assertThat(queue.poll(10, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void pollWaitsForAFrameFromAnotherThread() throws Exception {
        FreshestFrameQueue<String> queue = new FreshestFrameQueue<>(1);
        Thread producer = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            queue.add("frame");
        });
        producer.start();
        assertThat(queue.poll(5, TimeUnit.SECONDS)).isEqualTo("frame");
        producer.join();
    }
}
