package io.facestream.sink.retention;

import io.facestream.sink.EventScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes what was captured longer ago than the retention period: at start, then every hour. */
public final class RetentionJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    static final Duration INTERVAL = Duration.ofHours(1);

    private final DataEraser eraser;
    private final Duration retention;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    public RetentionJob(DataEraser eraser, Duration retention, Clock clock) {
        this.eraser = eraser;
        this.retention = retention;
        this.clock = clock;
    }

    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sink-retention");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runLogged, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Deletes everything captured before now minus the retention period; returns what it deleted. */
    public Map<String, Long> runOnce() {
        Instant cutoff = clock.instant().minus(retention);
        Map<String, Long> deleted = eraser.erase(EventScope.before(cutoff));
        if (deleted.values().stream().anyMatch(count -> count > 0)) {
            LOG.info("retention: deleted what was captured before {}: {}", cutoff, deleted);
        }
        return deleted;
    }

    private void runLogged() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // The database may be down for a while: the next run catches up.
            LOG.warn("retention run failed, next try in {}: {}", INTERVAL, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
