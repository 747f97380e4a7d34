package io.facestream.sink.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.schemas.avro.Alert;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database must do with alerts; subclasses open the store on a real database. */
abstract class AlertStoreContract {
    protected JdbcAlertStore store;

    protected abstract JdbcAlertStore openStore();

    @BeforeEach
    void open() {
        store = openStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aStoredFaceAlertReadsBackWithItsBestFaceAndCropPath() {
        Alert alert = TestAlerts.facePresent("door", "entrance", 42, 5);
        store.store(alert);

        StoredAlert read = store.find(AlertQuery.ofCamera("door", 10)).get(0);
        assertThat(read).isEqualTo(StoredAlert.of(alert));
        assertThat(read.time()).isEqualTo(TestAlerts.START.plusSeconds(5));
        assertThat(read.bestFace().crop()).isEqualTo("/api/crops/door/41/0");
        assertThat(read.bestFace().score()).isEqualTo(0.9987f);
        assertThat(read.trackId()).as("the zone's shared episode").isNull();
    }

    @Test
    void aPerPersonAlertReadsBackWithItsTrackAndIsFoundByIt() {
        Alert alice = TestAlerts.personPresent("door", "entrance", "1772352000123-0", 42, 5);
        store.store(alice);
        store.store(TestAlerts.personPresent("door", "entrance", "1772352000123-1", 42, 5));
        store.store(TestAlerts.facePresent("door", "entrance", 42, 5));

        AlertQuery aliceOnly = new AlertQuery(Optional.of("door"), Optional.empty(), Optional.empty(), 10, 0,
                Optional.of("1772352000123-0"));
        assertThat(store.find(aliceOnly)).containsExactly(StoredAlert.of(alice));
        assertThat(store.find(aliceOnly).get(0).trackId()).isEqualTo("1772352000123-0");
        assertThat(store.find(AlertQuery.ofCamera("door", 10))).extracting(StoredAlert::trackId)
                .containsExactlyInAnyOrder("1772352000123-0", "1772352000123-1", null);
    }

    @Test
    void aCameraAlertHasNoFaceNoSequenceAndItsReason() {
        store.store(TestAlerts.cameraDown("porch", 1, "connection refused"));

        StoredAlert read = store.find(AlertQuery.ofCamera("porch", 10)).get(0);
        assertThat(read.type()).isEqualTo("CAMERA_DOWN");
        assertThat(read.bestFace()).isNull();
        assertThat(read.sequence()).isNull();
        assertThat(read.episodeStart()).isNull();
        assertThat(read.zone()).isNull();
        assertThat(read.reason()).isEqualTo("connection refused");
    }

    @Test
    void anAlertDeliveredTwiceIsStoredOnce() {
        store.store(TestAlerts.facePresent("door", null, 7, 1));
        store.store(TestAlerts.facePresent("door", null, 7, 1));

        assertThat(store.find(AlertQuery.ofCamera("door", 10))).hasSize(1);
    }

    @Test
    void alertsAreFoundNewestFirstByCameraAndTimeAndPaged() {
        for (int second = 0; second < 10; second++) {
            store.store(TestAlerts.facePresent("door", null, 100 + second, second));
        }
        store.store(TestAlerts.cameraDown("hall", 3, "stalled"));

        assertThat(store.find(AlertQuery.ofCamera("door", 3)).stream().map(StoredAlert::sequence))
                .containsExactly(109L, 108L, 107L);
        assertThat(store.find(new AlertQuery(Optional.of("door"), Optional.empty(), Optional.empty(), 2, 8)).stream()
                .map(StoredAlert::sequence)).containsExactly(101L, 100L);
        assertThat(store.find(new AlertQuery(Optional.empty(), Optional.of(TestAlerts.START.plusSeconds(3)),
                Optional.of(TestAlerts.START.plusSeconds(5)), 100, 0)).stream().map(StoredAlert::cameraId))
                .containsExactlyInAnyOrder("door", "door", "hall");
    }
}
