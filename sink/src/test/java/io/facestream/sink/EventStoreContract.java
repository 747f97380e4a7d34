package io.facestream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.FrameScan;
import io.facestream.schemas.avro.Landmark;
import io.facestream.schemas.avro.LandmarkSet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database behind {@link JdbcEventStore} must do; subclasses say which database. */
abstract class EventStoreContract {
    protected EventStore store;

    protected abstract EventStore openStore();

    /** A connection to the store's database, to look at its tables directly. */
    protected abstract Connection connect() throws SQLException;

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
        assertThat(stored.landmarkSet()).isEqualTo("FIVE_POINT");
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
    void blazeFaceKeypointsComeBackAllSixWithTheirSet() {
        FaceDetections event = TestEvents.withFaces("door", 1, 1);
        DetectedFace face = event.getFaces().get(0);
        List<Landmark> six = new ArrayList<>(face.getLandmarks());
        six.add(new Landmark(3.5f, 40.25f));
        face.setLandmarks(six);
        event.setModel("blazeface");
        event.setLandmarkSet(LandmarkSet.BLAZEFACE_SIX);
        store.store(List.of(event));

        StoredEvent stored = store.find(EventQuery.ofCamera("door", 10)).get(0);
        assertThat(stored.landmarkSet()).isEqualTo("BLAZEFACE_SIX");
        assertThat(stored.faces().get(0).landmarks()).hasSize(6).last()
                .isEqualTo(new StoredEvent.Point(3.5f, 40.25f));
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
    void trackIdsAndScansComeBackAndEventsAreFoundByTrack() {
        store.store(List.of(TestEvents.tracked("door", 1, FrameScan.FULL, "100-0"),
                TestEvents.tracked("door", 2, FrameScan.TRACKED, "100-0", "2000-0"),
                TestEvents.tracked("door", 3, FrameScan.REGIONS, "2000-0"),
                TestEvents.tracked("door", 4, FrameScan.NONE),
                TestEvents.tracked("hall", 1, FrameScan.FULL, "100-0"),
                TestEvents.withFaces("yard", 1, 1)));

        List<StoredEvent> door = store.find(EventQuery.ofCamera("door", 10));
        assertThat(door).extracting(StoredEvent::scan).containsExactly("NONE", "REGIONS", "TRACKED", "FULL");
        assertThat(door.get(2).faces()).extracting(StoredEvent.Face::trackId).containsExactly("100-0", "2000-0");
        StoredEvent untracked = store.find(EventQuery.ofCamera("yard", 10)).get(0);
        assertThat(untracked.scan()).as("a worker without tracking scans whole").isEqualTo("FULL");
        assertThat(untracked.faces()).singleElement().extracting(StoredEvent.Face::trackId).isNull();

        assertThat(store.find(byTrack(Optional.of("door"), "100-0"))).extracting(StoredEvent::sequence)
                .containsExactly(2L, 1L);
        assertThat(store.find(byTrack(Optional.of("door"), "100-0")).get(0).faces())
                .as("every face of the event").hasSize(2);
        assertThat(store.find(byTrack(Optional.empty(), "100-0")))
                .extracting(StoredEvent::cameraId, StoredEvent::sequence)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("door", 2L),
                        org.assertj.core.groups.Tuple.tuple("door", 1L), org.assertj.core.groups.Tuple.tuple("hall", 1L));
        assertThat(store.find(byTrack(Optional.of("door"), "2000-0"))).extracting(StoredEvent::sequence)
                .containsExactly(3L, 2L);
        assertThat(store.find(byTrack(Optional.of("door"), "999-0"))).isEmpty();
    }

    private static EventQuery byTrack(Optional<String> camera, String track) {
        return new EventQuery(camera, Optional.empty(), Optional.empty(), 100, 0, Optional.of(track));
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

    @Test
    void deletingACameraRemovesItsEventsAndFacesAndKeepsTheOtherCameras() throws SQLException {
        for (long sequence = 1; sequence <= 5; sequence++) {
            store.store(List.of(TestEvents.withFaces("door", sequence, 2), TestEvents.withFaces("hall", sequence, 1)));
        }

        Map<String, Long> deleted = store.delete(EventScope.ofCamera("door"));

        assertThat(deleted).containsExactly(Map.entry("faces", 10L), Map.entry("events", 5L), Map.entry("alerts", 0L));
        assertThat(rows("events", "door")).isEmpty();
        assertThat(rows("faces", "door")).isEmpty();
        assertThat(rows("events", "hall")).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(rows("faces", "hall")).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void deletingATimeRangeRemovesWhatWasCapturedInItOfOneCameraOrAll() throws SQLException {
        for (long sequence = 1; sequence <= 10; sequence++) {
            store.store(List.of(TestEvents.withFaces("door", sequence, 1), TestEvents.withFaces("hall", sequence, 1)));
        }
        Instant from = TestEvents.START.plusSeconds(3);
        Instant to = TestEvents.START.plusSeconds(6);

        assertThat(store.delete(new EventScope(Optional.empty(), Optional.of(from), Optional.of(to))))
                .containsEntry("events", 6L).containsEntry("faces", 6L);
        assertThat(store.delete(new EventScope(Optional.of("hall"), Optional.empty(), Optional.of(from))))
                .containsEntry("events", 2L);

        assertThat(rows("events", "door")).containsExactly(1L, 2L, 6L, 7L, 8L, 9L, 10L);
        assertThat(rows("faces", "door")).containsExactly(1L, 2L, 6L, 7L, 8L, 9L, 10L);
        assertThat(rows("events", "hall")).containsExactly(6L, 7L, 8L, 9L, 10L);
        assertThat(rows("faces", "hall")).containsExactly(6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void deletingWhatIsNotThereDeletesNothing() {
        store.store(List.of(TestEvents.withFaces("door", 1, 1)));

        assertThat(store.delete(EventScope.ofCamera("nobody"))).containsEntry("events", 0L).containsEntry("faces", 0L);
        assertThat(store.find(EventQuery.latest(10))).hasSize(1);
    }

    /** The sequence numbers of a camera's rows in a table, read from the table itself. */
    private List<Long> rows(String table, String camera) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT seq FROM " + table + " WHERE camera_id = ? ORDER BY seq")) {
            select.setString(1, camera);
            List<Long> sequences = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    sequences.add(result.getLong(1));
                }
            }
            return sequences;
        }
    }
}
