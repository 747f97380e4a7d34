package io.facestream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database behind {@link JdbcEventStore} must do; subclasses say which database. */
abstract class EventStoreContract {
    protected EventStore store;

    protected abstract EventStore openStore();

    @BeforeEach
    void open() {
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void theSameEventStoredTwiceIsKeptOnce() {
        FaceDetections event = TestEvents.withFaces("door", 7, 2);
        store.store(List.of(event));
        store.store(List.of(event, TestEvents.empty("door", 8)));
        store.store(List.of(TestEvents.empty("door", 9), TestEvents.empty("door", 9)));

        List<StoredEvent> stored = store.find(EventQuery.ofCamera("door", 100));
        assertThat(stored).extracting(StoredEvent::sequence).containsExactly(9L, 8L, 7L);
        assertThat(stored.get(2).faces()).hasSize(2);
    }

    @Test
    void facesComeBackWithTheirBoxesScoresAndLandmarksExactly() {
        FaceDetections event = TestEvents.withFaces("door", 1, 3);
        store.store(List.of(event));

        StoredEvent stored = store.find(EventQuery.ofCamera("door", 10)).get(0);
        assertThat(stored.captureTime()).isEqualTo(event.getCaptureTime());
        assertThat(stored.ingestTime()).isEqualTo(event.getIngestTime());
        assertThat(stored.detectTime()).isEqualTo(event.getDetectTime());
        assertThat(stored.width()).isEqualTo(640);
        assertThat(stored.height()).isEqualTo(480);
        assertThat(stored.status()).isEqualTo("OK");
        assertThat(stored.model()).isEqualTo("mtcnn");
        assertThat(stored.provider()).isEqualTo("cpu");
        assertThat(stored.workerId()).isEqualTo("worker-1");
        assertThat(stored.faces()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            DetectedFace sent = event.getFaces().get(i);
            StoredEvent.Face face = stored.faces().get(i);
            assertThat(face.x1()).isEqualTo(sent.getBox().getX1());
            assertThat(face.y1()).isEqualTo(sent.getBox().getY1());
            assertThat(face.x2()).isEqualTo(sent.getBox().getX2());
            assertThat(face.y2()).isEqualTo(sent.getBox().getY2());
            assertThat(face.score()).isEqualTo(sent.getScore());
            assertThat(face.landmarks()).extracting(StoredEvent.Point::x)
                    .containsExactlyElementsOf(sent.getLandmarks().stream().map(point -> point.getX()).toList());
            assertThat(face.landmarks()).extracting(StoredEvent.Point::y)
                    .containsExactlyElementsOf(sent.getLandmarks().stream().map(point -> point.getY()).toList());
        }
    }

    @Test
    void eventsComeNewestFirstPagedAndFilteredByCameraAndTime() {
        for (long sequence = 1; sequence <= 10; sequence++) {
            store.store(List.of(TestEvents.withFaces("door", sequence, (int) (sequence % 2)),
                    TestEvents.empty("hall", sequence)));
        }

        assertThat(store.find(new EventQuery(Optional.of("door"), Optional.empty(), Optional.empty(), 3, 0)))
                .extracting(StoredEvent::sequence).containsExactly(10L, 9L, 8L);
        assertThat(store.find(new EventQuery(Optional.of("door"), Optional.empty(), Optional.empty(), 3, 3)))
                .extracting(StoredEvent::sequence).containsExactly(7L, 6L, 5L);
        Instant from = TestEvents.START.plusSeconds(4);
        Instant to = TestEvents.START.plusSeconds(6);
        assertThat(store.find(new EventQuery(Optional.of("hall"), Optional.of(from), Optional.of(to), 100, 0)))
                .extracting(StoredEvent::cameraId, StoredEvent::sequence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hall", 5L), org.assertj.core.groups.Tuple.tuple("hall", 4L));
        assertThat(store.find(EventQuery.latest(100))).hasSize(20);
    }

    @Test
    void statsCountEventsAndEventsWithFacesAndTellTheLastCaptureTime() {
        store.store(List.of(TestEvents.withFaces("door", 1, 1), TestEvents.empty("door", 2),
                TestEvents.withFaces("door", 3, 2), TestEvents.empty("hall", 1)));
        FaceDetections skipped = TestEvents.empty("door", 4);
        skipped.setStatus(DetectionStatus.SKIPPED_STALE);
        store.store(List.of(skipped));

        assertThat(store.stats("door"))
                .isEqualTo(new CameraStats("door", 4, 2, TestEvents.START.plusSeconds(4)));
        assertThat(store.stats("nobody")).isEqualTo(new CameraStats("nobody", 0, 0, null));
        assertThat(store.find(EventQuery.ofCamera("door", 1)).get(0).status()).isEqualTo("SKIPPED_STALE");
    }

    @Test
    void aReachableDatabasePassesTheCheck() {
        store.check();
    }
}
