package io.facestream.launcher;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT (Ctrl-C) for a command whose main thread runs services: a signal makes {@link #await} return
 * (and runs an optional action that ends the main thread's work), the main thread closes the services in order, and
 * the command ends. The signals are handled here instead of by a shutdown hook because the JVM runs all its hooks at
 * once, ONNX Runtime's among them: it would free the detector while a worker still detects its last batch. Closing
 * longer than {@link #CLOSE_TIMEOUT}, or a second signal, halts the JVM.
 */
final class StopSignal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StopSignal.class);
    /** How long the services may take to close after a signal before the JVM halts regardless. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private final String command;
    private final Runnable onStop;
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Map<Signal, SignalHandler> previous = new HashMap<>();

    private StopSignal(String command, Runnable onStop) {
        this.command = command;
        this.onStop = onStop;
    }

    /** Handles the signals by making {@link #await} return. */
    static StopSignal install(String command) {
        return install(command, () -> { });
    }

    /** Handles the signals by also running {@code onStop}, on a thread of its own. */
    static StopSignal install(String command, Runnable onStop) {
        StopSignal stop = new StopSignal(command, onStop);
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            stop.previous.put(signal, Signal.handle(signal, stop::stop));
        }
        return stop;
    }

    /** Waits for a signal. */
    void await() throws InterruptedException {
        requested.await();
    }

    /** Waits for a signal, at most {@code timeout}. */
    void await(Duration timeout) throws InterruptedException {
        requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Everything is closed: the signals get their usual handling again. */
    @Override
    public void close() {
        closed.countDown();
        previous.forEach(Signal::handle);
    }

    private void stop(Signal signal) {
        int status = 128 + signal.getNumber();
        if (requested.getCount() == 0) {
            log.warn("{}: SIG{} again; exiting without closing", command, signal.getName());
            Runtime.getRuntime().halt(status);
        }
        log.info("{}: SIG{}, stopping", command, signal.getName());
        requested.countDown();
        daemon(command + "-stop", onStop);
        daemon(command + "-stop-timeout", () -> {
            try {
                if (!closed.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("{}: still closing after {} s; exiting", command, CLOSE_TIMEOUT.toSeconds());
                    Runtime.getRuntime().halt(status);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
