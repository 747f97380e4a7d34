package io.facestream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.schemas.avro.Alert;
import io.facestream.schemas.avro.AlertType;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.sink.alerts.AlertQuery;
import io.facestream.sink.alerts.JdbcAlertStore;
import io.facestream.sink.crops.CropStore;
import io.facestream.sink.retention.DataEraser;
import io.facestream.sink.retention.RetentionJob;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention and deletion across the database and the crop files. */
class RetentionTest {
    private static final BufferedImage CROP = new BufferedImage(8, 8, BufferedImage.TYPE_3BYTE_BGR);

    @TempDir
    Path dataDir;

    private JdbcEventStore database;
    private CropStore crops;
    private DataEraser eraser;

    @BeforeEach
    void open() {
        database = JdbcEventStore.open(JdbcEventStore.embeddedUrl(dataDir.resolve("db")), "", "");
        crops = CropStore.inDataDir(dataDir);
        eraser = new DataEraser(database, crops);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void retentionDeletesWhatIsOlderThanThePeriodAndKeepsTheRest() throws IOException {
        // Three days before the test events, and events 1 to 10 (1 s apart) of two cameras.
        FaceDetections older = TestEvents.withFaces("door", 100, 1);
        older.setCaptureTime(TestEvents.START.minus(Duration.ofDays(3)));
        storeWithCrops(older);
        for (long sequence = 1; sequence <= 10; sequence++) {
            storeWithCrops(TestEvents.withFaces("door", sequence, 1));
            storeWithCrops(TestEvents.withFaces("hall", sequence, 1));
        }
        Clock clock = Clock.fixed(TestEvents.START.plus(Duration.ofDays(30)).plusMillis(5_500), ZoneOffset.UTC);

        Map<String, Long> deleted = new RetentionJob(eraser, Duration.ofDays(30), clock).runOnce();

        // Captured before START + 5.5 s: the old one and 1 to 5 of both cameras.
        assertThat(deleted).containsEntry("events", 11L).containsEntry("faces", 11L).containsEntry("cropFiles", 22L);
        assertThat(database.find(EventQuery.latest(100))).extracting(StoredEvent::sequence)
                .containsOnly(6L, 7L, 8L, 9L, 10L).hasSize(10);
        assertThat(cropSequences("door")).containsExactlyInAnyOrder(6L, 7L, 8L, 9L, 10L);
        assertThat(cropSequences("hall")).containsExactlyInAnyOrder(6L, 7L, 8L, 9L, 10L);
        // The old day's folder went with its files.
        assertThat(crops.root().resolve("door").resolve("2026-02-26")).doesNotExist();
    }

    @Test
    void deletingACameraLeavesNothingOfItInTheDatabaseOrOnDisk() throws IOException {
        for (long sequence = 1; sequence <= 3; sequence++) {
            storeWithCrops(TestEvents.withFaces("door", sequence, 2));
            storeWithCrops(TestEvents.withFaces("hall", sequence, 1));
        }
        try (JdbcAlertStore alerts = JdbcAlertStore.open(JdbcEventStore.embeddedUrl(dataDir.resolve("db")), "", "")) {
            alerts.store(alert("door"));
            alerts.store(alert("hall"));

            Map<String, Long> deleted = eraser.erase(EventScope.ofCamera("door"));

            assertThat(deleted).containsExactly(Map.entry("faces", 6L), Map.entry("events", 3L), Map.entry("alerts", 1L),
                    Map.entry("cropFiles", 12L));
            assertThat(alerts.find(AlertQuery.ofCamera("door", 100))).isEmpty();
            assertThat(alerts.find(AlertQuery.ofCamera("hall", 100))).hasSize(1);
        }
        assertThat(database.find(EventQuery.ofCamera("door", 100))).isEmpty();
        assertThat(crops.root().resolve("door")).doesNotExist();
        assertThat(crops.find("door", 1, 0, CropStore.Kind.ALIGNED)).isEmpty();
        assertThat(database.find(EventQuery.ofCamera("hall", 100))).hasSize(3);
        assertThat(cropSequences("hall")).containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    private static Alert alert(String camera) {
        return Alert.newBuilder().setAlertId(camera + "/-/CAMERA_DOWN/1").setCameraId(camera)
                .setType(AlertType.CAMERA_DOWN).setTime(TestEvents.START).setReason("test").build();
    }

    @Test
    void deletingATimeRangeTakesTheCropsCapturedInItOnly() throws IOException {
        for (long sequence = 1; sequence <= 6; sequence++) {
            storeWithCrops(TestEvents.withFaces("door", sequence, 1));
        }
        Instant from = TestEvents.START.plusSeconds(2);
        Instant to = TestEvents.START.plusSeconds(4);

        Map<String, Long> deleted = eraser.erase(new EventScope(Optional.of("door"), Optional.of(from), Optional.of(to)));

        assertThat(deleted).containsEntry("events", 2L).containsEntry("cropFiles", 4L);
        assertThat(cropSequences("door")).containsExactlyInAnyOrder(1L, 4L, 5L, 6L);
        assertThat(database.find(EventQuery.ofCamera("door", 100))).extracting(StoredEvent::sequence)
                .containsExactly(6L, 5L, 4L, 1L);
    }

    @Test
    void aCameraIdThatCouldLeaveTheCropFolderIsRefused() {
        for (String bad : List.of("..", "../door", "door/x", "", "a b")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> eraser.erase(EventScope.ofCamera(bad)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("camera");
        }
    }

    private void storeWithCrops(FaceDetections event) throws IOException {
        database.store(List.of(event));
        for (int face = 0; face < event.getFaces().size(); face++) {
            for (CropStore.Kind kind : CropStore.Kind.values()) {
                crops.write(event.getCameraId(), event.getSequence(), face, kind, event.getCaptureTime(), CROP);
            }
        }
    }

    /** The sequence numbers that still have crop files of a camera, one per face and kind. */
    private List<Long> cropSequences(String camera) throws IOException {
        List<Long> sequences = new ArrayList<>();
        Path folder = crops.root().resolve(camera);
        if (!Files.exists(folder)) {
            return sequences;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile).map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith("-aligned.jpg"))
                    .forEach(name -> sequences.add(Long.parseLong(name.substring(0, name.indexOf('-')))));
        }
        return sequences;
    }
}
