package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class StallWatchdogTest {
    private final List<String> stalls = new CopyOnWriteArrayList<>();

    @Test
    void stallIsReportedOnceFromItsOwnThreadWhileTheReadIsStillBlocked() throws Exception {
        try (StallWatchdog watchdog = new StallWatchdog(Duration.ofMillis(200),
                () -> stalls.add(Thread.currentThread().getName()))) {
            watchdog.arm();
            // The grabbing thread, blocked in a read: it never calls expired() here.
            await().atMost(Duration.ofSeconds(2)).until(() -> !stalls.isEmpty());
            Thread.sleep(300);

            assertThat(stalls).containsExactly("stall-watchdog");
            assertThat(watchdog.expired()).as("when the read returns at last").isTrue();
            assertThat(stalls).hasSize(1);
        }
    }

    @Test
    void framesKeepTheDeadlineAwayAndANewConnectionReportsAgain() throws Exception {
        try (StallWatchdog watchdog = new StallWatchdog(Duration.ofSeconds(1), () -> stalls.add("stalled"))) {
            watchdog.arm();
            // Twice the timeout, with a frame every tenth of it.
            for (int i = 0; i < 20; i++) {
                Thread.sleep(100);
                watchdog.frameArrived();
            }
            assertThat(watchdog.expired()).isFalse();
            assertThat(stalls).isEmpty();

            await().atMost(Duration.ofSeconds(5)).until(() -> stalls.size() == 1);
            watchdog.disarm();
            Thread.sleep(1200);
            assertThat(watchdog.expired()).as("no connection, no deadline").isFalse();
            watchdog.arm();
            await().atMost(Duration.ofSeconds(5)).until(() -> stalls.size() == 2);
        }
    }

    @Test
    void reasonGivesTheTimeoutInSeconds() {
        assertThat(StallWatchdog.reason(Duration.ofSeconds(10))).isEqualTo("stalled: no frame for 10 s");
        assertThat(StallWatchdog.reason(Duration.ofMillis(1500))).isEqualTo("stalled: no frame for 1.5 s");
    }
}
