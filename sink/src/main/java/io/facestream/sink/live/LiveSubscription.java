package io.facestream.sink.live;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What one live client has yet to receive, bounded: a client that falls {@value #CAPACITY} messages behind is cut off
 * (and, being an EventSource, reconnects and starts from a fresh snapshot) instead of holding up the feed or the
 * other clients.
 */
public final class LiveSubscription implements AutoCloseable {
    static final int CAPACITY = 512;
    private static final LiveMessage END = new LiveMessage("end", "");

    private final BlockingQueue<LiveMessage> queue = new ArrayBlockingQueue<>(CAPACITY + 1);
    private final Consumer<LiveSubscription> onClose;
    private volatile boolean closed;

    LiveSubscription(Consumer<LiveSubscription> onClose) {
        this.onClose = onClose;
    }

    /** Queues a message without waiting; a subscription that is full is closed instead. */
    void offer(LiveMessage message) {
        if (closed) {
            return;
        }
        if (queue.size() >= CAPACITY || !queue.offer(message)) {
            close();
        }
    }

    /** The next message, or empty after {@code timeout} or once the subscription is closed. */
    public Optional<LiveMessage> next(Duration timeout) throws InterruptedException {
        if (closed && queue.isEmpty()) {
            return Optional.empty();
        }
        LiveMessage message = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return message == null || message == END ? Optional.empty() : Optional.of(message);
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            queue.clear();
            queue.offer(END);
            onClose.accept(this);
        }
    }
}
