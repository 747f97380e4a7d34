package io.facestream.sink;

import io.facestream.schemas.avro.FaceDetections;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch to the store, retrying with backoff while the database is down. It blocks the stream thread meanwhile,
 * so the Streams task cannot commit past an event that are not stored yet; after {@code retryTimeout} it gives up with a
 * {@link StorageUnavailableException}, the thread is replaced and resumes from its last commit.
 */
final class EventWriter {
    private static final Logger LOG = LoggerFactory.getLogger(EventWriter.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final EventStore store;
    private final DatabaseStatus status;
    private final Duration retryTimeout;

    EventWriter(EventStore store, DatabaseStatus status, Duration retryTimeout) {
        this.store = store;
        this.status = status;
        this.retryTimeout = retryTimeout;
    }

    void write(List<FaceDetections> batch) {
        long deadline = System.nanoTime() + retryTimeout.toNanos();
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                store.store(batch);
                if (status.failure().isPresent()) {
                    LOG.info("database back: stored {} event(s) after {} attempt(s)", batch.size(), attempt);
                }
                status.writeSucceeded();
                return;
            } catch (StorageUnavailableException e) {
                status.writeFailed(e.getMessage());
                if (System.nanoTime() + backoff.toNanos() > deadline) {
                    throw e;
                }
                LOG.warn("{} (attempt {}; retrying in {} ms)", e.getMessage(), attempt, backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while waiting for the database", e);
        }
    }
}
