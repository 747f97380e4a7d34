package io.facestream.schemas;

import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's policy for an {@link Error} (out of memory, a stack overflow, a missing class) that ends one of its
 * threads: one log line, then the process ends with {@link #EXIT_STATUS}, so that an orchestrator starts it again.
 * Without it a service whose main loop died would live on with its health endpoint answering DOWN, which compose's
 * {@code restart: unless-stopped} never acts on.
 *
 * <p>The process halts rather than running its shutdown hooks: after an Error they may hang, and the pipeline is
 * built to lose nothing when a process is killed (transactions, offsets committed after storing).
 */
public final class FatalErrors implements Thread.UncaughtExceptionHandler {
    /** sysexits' EX_SOFTWARE: an internal software error. */
    public static final int EXIT_STATUS = 70;
    /** Causes looked through for an Error: enough for any wrapping, and a cycle of causes ends. */
    private static final int MAX_CAUSES = 16;
    private static final Logger LOG = LoggerFactory.getLogger(FatalErrors.class);

    private final IntConsumer exit;

    FatalErrors(IntConsumer exit) {
        this.exit = exit;
    }

    /** Makes this policy the handler of every thread without one of its own: the launcher does, before any service. */
    public static void install() {
        Thread.setDefaultUncaughtExceptionHandler(new FatalErrors(status -> Runtime.getRuntime().halt(status)));
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        Error error = errorIn(failure);
        if (error == null) { // the thread's own business, as without this policy
            LOG.error("thread {} stopped", thread.getName(), failure);
            return;
        }
        StackTraceElement[] trace = error.getStackTrace();
        LOG.error("{} in thread {}{}: exiting with status {} so that the service is started again", error,
                thread.getName(), trace.length == 0 ? "" : " at " + trace[0], EXIT_STATUS);
        exit.accept(EXIT_STATUS);
    }

    /** Whether {@code failure} is an Error or was caused by one (a thread pool wraps what its tasks throw). */
    public static boolean isFatal(Throwable failure) {
        return errorIn(failure) != null;
    }

    /**
     * For a framework that catches what its threads throw (Kafka Streams): ends the process as an uncaught Error
     * would, when {@code failure} is fatal and this policy is installed; returns otherwise.
     */
    public static void exitIfFatal(Throwable failure) {
        if (isFatal(failure) && Thread.getDefaultUncaughtExceptionHandler() instanceof FatalErrors policy) {
            policy.uncaughtException(Thread.currentThread(), failure);
        }
    }

    /** {@code failure} or the first of its causes that is an Error; null when none is. */
    private static Error errorIn(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof Error error) {
                return error;
            }
        }
        return null;
    }
}
