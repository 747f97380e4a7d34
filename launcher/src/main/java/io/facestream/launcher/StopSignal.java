package io.facestream.launcher;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and SIGINT (Ctrl-C) for a command whose main thread runs a service: the signal makes {@link #await}
 * return (and runs an optional action that ends the main thread's work), and the JVM exits once the main thread
 * has closed everything and closed this signal, or after {@link #CLOSE_TIMEOUT}. Without the wait the JVM would
 * exit as soon as its shutdown hooks return, halfway through closing the services.
 */
final class StopSignal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StopSignal.class);
    /** How long a signal waits for the services to close before the JVM exits regardless. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);

    private final String command;
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    private StopSignal(String command, Runnable onStop) {
        this.command = command;
        this.hook = new Thread(() -> stop(onStop), command + "-shutdown");
    }

    /** A signal that only makes {@link #await} return. */
    static StopSignal install(String command) {
        return install(command, () -> { });
    }

    /** A signal that also runs {@code onStop}, on a thread of its own so that it cannot hold the exit up. */
    static StopSignal install(String command, Runnable onStop) {
        StopSignal signal = new StopSignal(command, onStop);
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /** Waits for a signal. */
    void await() throws InterruptedException {
        requested.await();
    }

    /** Waits for a signal, at most {@code timeout}. */
    void await(Duration timeout) throws InterruptedException {
        requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Everything is closed: the JVM may exit. Without a signal, the hook is no longer needed. */
    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs, and returns now.
        }
    }

    private void stop(Runnable onStop) {
        log.info("{}: stopping", command);
        requested.countDown();
        Thread stopper = new Thread(onStop, command + "-stop");
        stopper.setDaemon(true);
        stopper.start();
        try {
            if (!closed.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{}: still closing after {} s; exiting anyway", command, CLOSE_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
