package io.facestream.sink.live;

import static io.facestream.sink.live.LiveRecords.detections;
import static io.facestream.sink.live.LiveRecords.face;
import static io.facestream.sink.live.LiveRecords.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.schemas.avro.CameraState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveHubTest {
    private final LiveHub hub = new LiveHub();

    @Test
    void anEventIsDrawnOverItsOwnFrameWhileThatIsKeptElseOverTheNewest() {
        long newest = CameraActivity.FRAMES_KEPT + 10;
        for (long sequence = 1; sequence <= newest; sequence++) {
            hub.frame(frame("door", sequence, new byte[] {(byte) sequence}, 640, 480));
        }

        assertThat(hub.frame("door", 25L).orElseThrow().getKey()).isEqualTo(25);
        assertThat(hub.frame("door", 25L).orElseThrow().getValue()).containsExactly(25);
        assertThat(hub.frame("door", 2L).orElseThrow().getKey()).as("no longer kept").isEqualTo(newest);
        assertThat(hub.frame("door", null).orElseThrow().getKey()).isEqualTo(newest);
        assertThat(hub.frame("hall", null)).isEmpty();
    }

    @Test
    void largeFramesAreKeptWithinTheByteBound() {
        int size = (int) (CameraActivity.FRAME_BYTES_KEPT / 3) + 1;
        for (long sequence = 1; sequence <= 5; sequence++) {
            hub.frame(frame("door", sequence, new byte[size], 3840, 2160));
        }

        assertThat(hub.frame("door", 3L).orElseThrow().getKey()).as("dropped for space").isEqualTo(5);
        assertThat(hub.frame("door", 4L).orElseThrow().getKey()).isEqualTo(4);
    }

    @Test
    void aCameraRestartStartsItsFramesAfresh() {
        hub.frame(frame("door", 500, new byte[] {1}, 640, 480));
        hub.frame(frame("door", 0, new byte[] {2}, 640, 480));

        assertThat(hub.frame("door", null).orElseThrow().getKey()).isZero();
    }

    @Test
    void theNewestEventCarriesFpsLatencyAndLag() {
        for (long sequence = 1; sequence <= 12; sequence++) {
            hub.frame(frame("door", sequence, new byte[] {1}, 640, 480));
        }
        for (long sequence = 1; sequence <= 10; sequence++) {
            hub.detections(detections("door", sequence, 640, 480, List.of(face(100, 100, 200, 220, 0.99f))));
        }

        LiveViews.Detection latest = hub.latest("door").orElseThrow();
        assertThat(latest.sequence()).isEqualTo(10);
        assertThat(latest.fps()).isEqualTo(5.0);
        assertThat(latest.latencyMs()).isEqualTo(80);
        assertThat(latest.lag()).isEqualTo(2);
        assertThat(latest.frameSequence()).isEqualTo(12);
        assertThat(latest.faces()).singleElement().satisfies(found -> assertThat(found.landmarks()).hasSize(5));
    }

    @Test
    void aNewSubscriberFirstGetsTheCurrentStateThenChanges() throws Exception {
        hub.status("door", LiveRecords.status("door", CameraState.DOWN, "cannot open rtsp://admin:pw123@cam/live"));
        hub.detections(detections("door", 7, 640, 480, List.of()));
        hub.alert(LiveRecords.facePresent("door", 7, face(1, 2, 30, 40, 0.9f)));

        try (LiveSubscription subscription = hub.subscribe()) {
            hub.detections(detections("door", 8, 640, 480, List.of()));

            List<LiveMessage> received = drain(subscription, 4);
            assertThat(received).extracting(LiveMessage::type).containsExactly("status", "face", "alert", "face");
            assertThat(received.get(0).json()).contains("rtsp://***@cam/live").doesNotContain("pw123");
            assertThat(received.get(3).json()).contains("\"sequence\":8");
        }
        assertThat(hub.subscriberCount()).isZero();
    }

    @Test
    void framesAreAnnouncedOnlyWhileNoEventsCome() throws Exception {
        try (LiveSubscription subscription = hub.subscribe()) {
            hub.frame(frame("door", 1, new byte[] {1}, 640, 480));
            LiveMessage announced = subscription.next(Duration.ofSeconds(1)).orElseThrow();
            assertThat(announced.type()).isEqualTo("frame");
            assertThat(announced.json()).contains("\"sequence\":1").contains("\"width\":640");

            hub.detections(detections("door", 1, 640, 480, List.of()));
            assertThat(subscription.next(Duration.ofSeconds(1)).orElseThrow().type()).isEqualTo("face");
            hub.frame(frame("door", 2, new byte[] {2}, 640, 480));
            assertThat(subscription.next(Duration.ofMillis(200))).as("events are coming: frames go with them").isEmpty();
        }
    }

    @Test
    void aSubscriberThatFallsBehindIsCutOffWithoutHoldingUpTheOthers() throws Exception {
        LiveSubscription stalled = hub.subscribe();
        LiveSubscription reading = hub.subscribe();
        for (long sequence = 1; sequence <= LiveSubscription.CAPACITY + 10; sequence++) {
            hub.detections(detections("door", sequence, 640, 480, List.of()));
            assertThat(reading.next(Duration.ofSeconds(1))).isPresent();
        }

        assertThat(stalled.isClosed()).isTrue();
        assertThat(reading.isClosed()).isFalse();
        assertThat(hub.subscriberCount()).isEqualTo(1);
        hub.close();
        assertThat(reading.isClosed()).isTrue();
        assertThat(reading.next(Duration.ofMillis(10))).isEmpty();
    }

    private static List<LiveMessage> drain(LiveSubscription subscription, int count) throws InterruptedException {
        List<LiveMessage> messages = new ArrayList<>();
        while (messages.size() < count) {
            Optional<LiveMessage> next = subscription.next(Duration.ofSeconds(1));
            assertThat(next).as("message %d", messages.size() + 1).isPresent();
            messages.add(next.get());
        }
        return messages;
    }
}
