package io.facestream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FatalErrorsTest {
    private static final int NOT_EXITED = -1;

    /** Runs {@code loop} on a thread handled by the policy; the status it exited with, or NOT_EXITED. */
    private static int exitStatusAfter(Runnable loop) throws InterruptedException {
        AtomicInteger status = new AtomicInteger(NOT_EXITED);
        Thread thread = new Thread(loop, "service-loop");
        thread.setUncaughtExceptionHandler(new FatalErrors(status::set));
        thread.start();
        thread.join();
        return status.get();
    }

    @Test
    void anErrorThatEndsALoopExitsTheProcessWithStatus70() throws InterruptedException {
        AtomicInteger rounds = new AtomicInteger();
        int status = exitStatusAfter(() -> {
            while (true) {
                if (rounds.incrementAndGet() == 3) {
                    throw new OutOfMemoryError("Java heap space");
                }
            }
        });
        assertThat(status).isEqualTo(FatalErrors.EXIT_STATUS).isNotZero();
    }

    @Test
    void anErrorWrappedByAThreadPoolExitsToo() throws InterruptedException {
        int status = exitStatusAfter(() -> {
            throw new IllegalStateException("decoding failed",
                    new ExecutionException(new OutOfMemoryError("Java heap space")));
        });
        assertThat(status).isEqualTo(FatalErrors.EXIT_STATUS);
    }

    @Test
    void anExceptionIsTheThreadsOwnBusiness() throws InterruptedException {
        assertThat(exitStatusAfter(() -> {
            throw new IllegalStateException("bad record");
        })).isEqualTo(NOT_EXITED);
    }

    @Test
    void aFrameworksHandlerHandsAnErrorToTheInstalledPolicy() {
        AtomicInteger status = new AtomicInteger(NOT_EXITED);
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(new FatalErrors(status::set));
        try {
            FatalErrors.exitIfFatal(new IllegalStateException("stream thread failed"));
            assertThat(status).hasValue(NOT_EXITED);
            FatalErrors.exitIfFatal(new IllegalStateException("stream thread failed", new OutOfMemoryError()));
            assertThat(status).hasValue(FatalErrors.EXIT_STATUS);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    @Test
    void aCycleOfCausesIsNoErrorAndEnds() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second", first);
        first.initCause(second);
        assertThat(FatalErrors.isFatal(first)).isFalse();
        assertThat(FatalErrors.isFatal(new StackOverflowError())).isTrue();
    }
}
