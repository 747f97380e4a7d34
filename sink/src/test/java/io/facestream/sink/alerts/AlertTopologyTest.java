package io.facestream.sink.alerts;

import static io.facestream.sink.alerts.AlertFrames.clearFace;
import static io.facestream.sink.alerts.AlertFrames.face;
import static io.facestream.sink.alerts.AlertFrames.frame;
import static io.facestream.sink.alerts.AlertFrames.tracked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.facestream.recognition.FaceEmbedder;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.Alert;
import io.facestream.schemas.avro.AlertRules;
import io.facestream.schemas.avro.AlertType;
import io.facestream.schemas.avro.AlertZone;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.CameraState;
import io.facestream.schemas.avro.CameraStatus;
import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.ZonePoint;
import io.facestream.sink.people.FaceIdentifier;
import io.facestream.sink.people.PeopleGallery;
import io.facestream.sink.people.PeopleStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules on Kafka Streams' test driver, with the defaults: k = 3 of n = 5, score 0.9, 40 px, gone after 3 s,
 * and by the wall clock after 10 s without any frame.
 */
class AlertTopologyTest {
    /** Two people's face tracks, as a tracking worker names them. */
    private static final String ALICE = "1000-0";
    private static final String BOB = "2200-0";
    /** Alice is in the gallery (person 1), Bob is not: their faces' embeddings. */
    private static final float[] ALICE_FACE = direction(0);
    private static final float[] BOB_FACE = direction(50);

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, FaceDetections> faces;
    private TestInputTopic<String, CameraStatus> status;
    private TestInputTopic<String, CameraConfig> cameras;
    private TestOutputTopic<String, Alert> alerts;

    @BeforeEach
    void startDriver() {
        Topology topology = new Topology();
        topology.addSource("faces", Serdes.String().deserializer(), new AvroSerde<>(FaceDetections.class).deserializer(),
                Topics.FACES);
        PeopleGallery gallery = new PeopleGallery(() -> List.of(new PeopleStore.Enrolment(1, "Alice", ALICE_FACE)));
        gallery.reload();
        AlertTopology.addTo(topology, "faces", AlertSettings.defaults(), new AlertMetrics(meters),
                () -> new FaceIdentifier(gallery, 0.6f, false));
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "alert-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology, properties, AlertFrames.START);
        faces = driver.createInputTopic(Topics.FACES, Serdes.String().serializer(),
                new AvroSerde<>(FaceDetections.class).serializer());
        status = driver.createInputTopic(Topics.CAMERA_STATUS, Serdes.String().serializer(),
                new AvroSerde<>(CameraStatus.class).serializer());
        cameras = driver.createInputTopic(Topics.CAMERAS, Serdes.String().serializer(),
                new AvroSerde<>(CameraConfig.class).serializer());
        alerts = driver.createOutputTopic(Topics.ALERTS, Serdes.String().deserializer(),
                new AvroSerde<>(Alert.class).deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void threeOfTheLastFiveFramesWithAFaceRaiseOneFacePresent() {
        send(frame("door", 1, face(320, 240, 100, 0.95f)));
        send(frame("door", 2));
        send(frame("door", 3, face(320, 240, 100, 0.99f)));
        assertThat(alerts.isEmpty()).isTrue();

        send(frame("door", 4, face(320, 240, 100, 0.97f)));

        Alert present = single();
        assertThat(present.getType()).isEqualTo(AlertType.FACE_PRESENT);
        assertThat(present.getCameraId()).isEqualTo("door");
        assertThat(present.getZone()).isNull();
        assertThat(present.getSequence()).isEqualTo(4L);
        assertThat(present.getTime()).isEqualTo(AlertFrames.captureTime(4));
        assertThat(present.getEpisodeStart()).isEqualTo(AlertFrames.captureTime(1));
        assertThat(present.getBestFace().getSequence()).isEqualTo(3L);
        assertThat(present.getBestFace().getScore()).isEqualTo(0.99f);
        assertThat(present.getAlertId()).isEqualTo("door/-/FACE_PRESENT/1/" + AlertFrames.captureTime(1).toEpochMilli());

        for (long sequence = 5; sequence <= 30; sequence++) {
            send(frame("door", sequence, clearFace()));
        }
        assertThat(alerts.isEmpty()).as("one alert per episode, however long it lasts").isTrue();
        assertThat(meters.counter(AlertMetrics.RAISED, "type", "FACE_PRESENT").count()).isEqualTo(1);
    }

    @Test
    void facesSpreadWiderThanTheWindowRaiseNothing() {
        for (long sequence = 1; sequence <= 30; sequence++) {
            // One face in every third frame: never 3 in 5.
            send(sequence % 3 == 0 ? frame("door", sequence, clearFace()) : frame("door", sequence));
        }
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void facesBelowTheScoreOrTheSizeDoNotCount() {
        for (long sequence = 1; sequence <= 10; sequence++) {
            send(frame("door", sequence, face(320, 240, 120, 0.85f), face(100, 100, 30, 0.99f)));
        }
        assertThat(alerts.isEmpty()).isTrue();

        send(frame("door", 11, face(320, 240, 40, 0.9f)));
        send(frame("door", 12, face(320, 240, 40, 0.9f)));
        send(frame("door", 13, face(100, 100, 30, 0.99f), face(320, 240, 41, 0.91f)));
        Alert present = single();
        assertThat(present.getType()).isEqualTo(AlertType.FACE_PRESENT);
        assertThat(present.getBestFace().getFaceIndex()).as("the small face is not the best").isEqualTo(1);
        assertThat(present.getBestFace().getScore()).isEqualTo(0.91f);
    }

    @Test
    void facePresentEndsWithFaceGoneThreeSecondsAfterTheLastFaceByCaptureTime() {
        for (long sequence = 1; sequence <= 5; sequence++) {
            send(frame("door", sequence, face(320, 240, 100, sequence == 2 ? 0.999f : 0.95f)));
        }
        Alert present = single();
        // 5 frames/s: the last face was frame 5; frame 20 is the first captured 3 s later.
        for (long sequence = 6; sequence <= 19; sequence++) {
            send(frame("door", sequence));
        }
        assertThat(alerts.isEmpty()).isTrue();

        send(frame("door", 20));

        Alert gone = single();
        assertThat(gone.getType()).isEqualTo(AlertType.FACE_GONE);
        assertThat(gone.getSequence()).isEqualTo(20L);
        assertThat(gone.getTime()).isEqualTo(AlertFrames.captureTime(20));
        assertThat(gone.getEpisodeStart()).isEqualTo(present.getEpisodeStart());
        assertThat(gone.getBestFace().getSequence()).isEqualTo(2L);
        assertThat(gone.getReason()).isEqualTo("no face for 3000 ms");
        assertThat(gone.getAlertId()).isEqualTo(present.getAlertId().replace("FACE_PRESENT", "FACE_GONE"));

        for (long sequence = 21; sequence <= 23; sequence++) {
            send(frame("door", sequence, clearFace()));
        }
        Alert next = single();
        assertThat(next.getType()).as("a new episode").isEqualTo(AlertType.FACE_PRESENT);
        assertThat(next.getEpisodeStart()).isEqualTo(AlertFrames.captureTime(21));
        assertThat(next.getAlertId()).isNotEqualTo(present.getAlertId());
    }

    @Test
    void aFaceWithinTheGoneTimeKeepsTheEpisodeOpen() {
        for (long sequence = 1; sequence <= 3; sequence++) {
            send(frame("door", sequence, clearFace()));
        }
        single();
        for (long sequence = 4; sequence <= 60; sequence++) {
            // A face every 2 s (each tenth frame) is within 3 s of the previous one.
            send(sequence % 10 == 0 ? frame("door", sequence, clearFace()) : frame("door", sequence));
        }
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void whenTheCameraStopsSendingFramesTheEpisodeEndsByWallClock() {
        for (long sequence = 1; sequence <= 3; sequence++) {
            send(frame("door", sequence, clearFace()));
        }
        single();

        driver.advanceWallClockTime(Duration.ofSeconds(4));
        assertThat(alerts.isEmpty()).as("frames may come late, in a burst").isTrue();
        driver.advanceWallClockTime(Duration.ofSeconds(7));

        Alert gone = single();
        assertThat(gone.getType()).isEqualTo(AlertType.FACE_GONE);
        assertThat(gone.getSequence()).isNull();
        assertThat(gone.getTime()).as("the last face's time plus 3 s").isEqualTo(AlertFrames.captureTime(3).plusSeconds(3));
        assertThat(gone.getReason()).isEqualTo("no frame from the camera for 10000 ms");
        driver.advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(alerts.isEmpty()).as("ended once").isTrue();
    }

    @Test
    void skippedAndUndecodableFramesNeitherOpenNorEndAnEpisode() {
        send(frame("door", 1, clearFace()));
        send(frame("door", 2, clearFace()));
        send(frame("door", 3, DetectionStatus.SKIPPED_STALE));
        send(frame("door", 4, DetectionStatus.UNDECODABLE));
        assertThat(alerts.isEmpty()).isTrue();
        send(frame("door", 5, clearFace()));
        assertThat(single().getType()).as("2 faces in 3 examined frames, then the third").isEqualTo(AlertType.FACE_PRESENT);

        for (long sequence = 6; sequence <= 70; sequence++) {
            send(frame("door", sequence, DetectionStatus.SKIPPED_STALE));
            driver.advanceWallClockTime(Duration.ofMillis(200));
        }
        assertThat(alerts.isEmpty()).as("skipped frames arrive, so the camera is not silent").isTrue();

        send(frame("door", 71));
        assertThat(single().getType()).isEqualTo(AlertType.FACE_GONE);
    }

    @Test
    void aZoneCountsOnlyFacesWhoseBoxCentreIsInsideItsPolygon() {
        // The door: a triangle in the left half of the picture.
        configure("door", AlertRules.newBuilder().setZones(List.of(new AlertZone("door",
                List.of(new ZonePoint(0f, 0f), new ZonePoint(0.5f, 0f), new ZonePoint(0f, 1f))))).build());
        for (long sequence = 1; sequence <= 5; sequence++) {
            // (400, 240) is in the right half; (200, 300) is left but below the triangle's diagonal.
            send(frame("door", sequence, face(400, 240, 100, 0.99f), face(200, 300, 100, 0.99f)));
        }
        assertThat(alerts.isEmpty()).isTrue();

        for (long sequence = 6; sequence <= 8; sequence++) {
            send(frame("door", sequence, face(400, 240, 100, 0.99f), face(100, 100, 100, 0.95f)));
        }
        Alert present = single();
        assertThat(present.getZone()).isEqualTo("door");
        assertThat(present.getBestFace().getFaceIndex()).isEqualTo(1);
        assertThat(present.getAlertId()).startsWith("door/door/FACE_PRESENT/6/");
    }

    @Test
    void eachZoneHasEpisodesOfItsOwn() {
        configure("hall", AlertRules.newBuilder().setZones(List.of(
                new AlertZone("left", List.of(new ZonePoint(0f, 0f), new ZonePoint(0.5f, 0f), new ZonePoint(0.5f, 1f),
                        new ZonePoint(0f, 1f))),
                new AlertZone("right", List.of(new ZonePoint(0.5f, 0f), new ZonePoint(1f, 0f), new ZonePoint(1f, 1f),
                        new ZonePoint(0.5f, 1f))))).build());
        for (long sequence = 1; sequence <= 3; sequence++) {
            send(frame("hall", sequence, face(100, 240, 100, 0.99f)));
        }
        assertThat(single().getZone()).isEqualTo("left");
        for (long sequence = 4; sequence <= 6; sequence++) {
            send(frame("hall", sequence, face(100, 240, 100, 0.99f), face(500, 240, 100, 0.99f)));
        }
        assertThat(single().getZone()).isEqualTo("right");
    }

    @Test
    void aCamerasOwnRulesOverrideTheDefaultsAndOthersKeepThem() {
        configure("door", AlertRules.newBuilder().setPresentFrames(1).setWindowFrames(1).setMinScore(0.5f)
                .setGoneAfterMillis(1000L).build());
        send(frame("door", 1, face(320, 240, 100, 0.6f)));
        assertThat(single().getType()).isEqualTo(AlertType.FACE_PRESENT);
        send(frame("door", 6));
        assertThat(single().getType()).as("1 s after the face").isEqualTo(AlertType.FACE_GONE);

        send(frame("hall", 1, face(320, 240, 100, 0.99f)));
        assertThat(alerts.isEmpty()).as("hall keeps 3 of 5").isTrue();
        send(frame("hall", 2, face(320, 240, 100, 0.6f)));
        send(frame("hall", 3, face(320, 240, 100, 0.99f)));
        assertThat(alerts.isEmpty()).as("hall keeps the 0.9 score").isTrue();
    }

    @Test
    void invalidCameraRulesFallBackToTheDefaults() {
        configure("door", AlertRules.newBuilder().setPresentFrames(9).setWindowFrames(5).build());
        send(frame("door", 1, clearFace()));
        send(frame("door", 2, clearFace()));
        send(frame("door", 3, clearFace()));
        assertThat(single().getType()).isEqualTo(AlertType.FACE_PRESENT);
    }

    @Test
    void aCameraGoingDownAndComingBackRaisesOneAlertEach() {
        status("door", CameraState.CONNECTING, null, 0);
        status("door", CameraState.STREAMING, null, 1);
        assertThat(alerts.isEmpty()).isTrue();

        status("door", CameraState.DOWN, "stalled: no frame for 10 s from rtsp://admin:top@secret@cam/1", 2);
        Alert down = single();
        assertThat(down.getType()).isEqualTo(AlertType.CAMERA_DOWN);
        assertThat(down.getReason()).as("an unredacted status is redacted")
                .isEqualTo("stalled: no frame for 10 s from rtsp://***@cam/1");
        assertThat(down.getTime()).isEqualTo(AlertFrames.START.plusSeconds(2));
        assertThat(down.getBestFace()).isNull();
        status("door", CameraState.DOWN, "still stalled", 3);
        status("door", CameraState.CONNECTING, null, 4);
        assertThat(alerts.isEmpty()).as("down is reported again while it lasts").isTrue();

        status("door", CameraState.STREAMING, null, 5);
        Alert up = single();
        assertThat(up.getType()).isEqualTo(AlertType.CAMERA_UP);
        assertThat(up.getReason()).isNull();
        assertThat(up.getAlertId()).isNotEqualTo(down.getAlertId());
        status("door", CameraState.STREAMING, null, 6);
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void aStoppedCameraIsForgottenAndCameraDownAlertsCanBeSwitchedOff() {
        status("door", CameraState.DOWN, "refused", 1);
        single();
        status("door", CameraState.STOPPED, null, 2);
        status("door", CameraState.STREAMING, null, 3);
        assertThat(alerts.isEmpty()).as("no CAMERA_UP for a camera that was stopped").isTrue();

        configure("hall", AlertRules.newBuilder().setCameraDown(false).build());
        status("hall", CameraState.DOWN, "refused", 4);
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void perPersonTwoPeopleArrivingOneAfterTheOtherRaiseAnEpisodeEachWithTheirOwnBestFace() {
        configure("door", perPerson().build());
        twoPeopleOneAfterTheOther("door", 1, 35);

        List<Alert> raised = alerts.readValuesToList();
        assertThat(raised).extracting(Alert::getType, Alert::getSequence).containsExactly(
                tuple(AlertType.FACE_PRESENT, 3L), tuple(AlertType.FACE_PRESENT, 8L),
                tuple(AlertType.FACE_GONE, 25L), tuple(AlertType.FACE_GONE, 35L));
        assertThat(raised).extracting(Alert::getTrackId).containsExactly(ALICE, BOB, ALICE, BOB);
        Alert alicePresent = raised.get(0);
        assertThat(alicePresent.getAlertId()).isEqualTo("door/-/FACE_PRESENT/1/" + millis(1) + "/" + ALICE);
        assertThat(alicePresent.getBestFace().getSequence()).isEqualTo(3L);
        assertThat(alicePresent.getBestFace().getX1()).as("on the left").isEqualTo(110f);
        Alert bobPresent = raised.get(1);
        assertThat(bobPresent.getAlertId()).isEqualTo("door/-/FACE_PRESENT/6/" + millis(6) + "/" + BOB);
        assertThat(bobPresent.getEpisodeStart()).isEqualTo(AlertFrames.captureTime(6));
        assertThat(bobPresent.getBestFace().getSequence()).isEqualTo(7L);
        assertThat(bobPresent.getBestFace().getFaceIndex()).isEqualTo(1);
        assertThat(bobPresent.getBestFace().getScore()).isEqualTo(0.995f);
        Alert aliceGone = raised.get(2);
        assertThat(aliceGone.getAlertId()).isEqualTo(alicePresent.getAlertId().replace("FACE_PRESENT", "FACE_GONE"));
        assertThat(aliceGone.getBestFace().getSequence()).as("her own best face, not Bob's better one").isEqualTo(3L);
        assertThat(aliceGone.getReason()).isEqualTo("no face for 3000 ms");
        Alert bobGone = raised.get(3);
        assertThat(bobGone.getAlertId()).isEqualTo(bobPresent.getAlertId().replace("FACE_PRESENT", "FACE_GONE"));
        assertThat(bobGone.getBestFace().getSequence()).isEqualTo(7L);
        assertThat(meters.counter(AlertMetrics.RAISED, "type", "FACE_PRESENT").count()).isEqualTo(2);
    }

    @Test
    void alertsNameTheKnownPersonOfTheirBestFaceAndTheOthersStayUnknown() {
        configure("door", perPerson().build());
        twoPeopleOneAfterTheOther("door", 1, 35);

        List<Alert> raised = alerts.readValuesToList();
        assertThat(raised).extracting(Alert::getTrackId, Alert::getPerson, Alert::getPersonId).containsExactly(
                tuple(ALICE, "Alice", 1L), tuple(BOB, null, null), tuple(ALICE, "Alice", 1L), tuple(BOB, null, null));
        assertThat(raised.get(0).getSimilarity()).as("her best face (frame 3) has no embedding: her track's")
                .isEqualTo(1f);
        assertThat(raised.get(1).getSimilarity()).as("Bob's best match, below the threshold").isZero();
    }

    @Test
    void notifyUnknownAlertsOnlyOfPeopleTheGalleryDoesNotName() {
        configure("door", perPerson().setNotify("unknown").build());
        twoPeopleOneAfterTheOther("door", 1, 35);

        List<Alert> raised = alerts.readValuesToList();
        assertThat(raised).extracting(Alert::getType, Alert::getTrackId).containsExactly(
                tuple(AlertType.FACE_PRESENT, BOB), tuple(AlertType.FACE_GONE, BOB));
        assertThat(tracksOf("door")).isEmpty();
    }

    @Test
    void notifyKnownAlertsOfAnEpisodeOnceSomeoneKnownBecomesItsBestFace() {
        configure("door", AlertRules.newBuilder().setNotify("known").build());
        // Bob alone from frame 6 opens the zone's episode silently; Alice, scoring better, arrives in frame 12.
        for (long sequence = 6; sequence <= 40; sequence++) {
            List<DetectedFace> inView = new ArrayList<>();
            if (sequence <= 20) {
                inView.add(withEmbedding(tracked(face(480, 240, 100, 0.93f), BOB), sequence == 6 ? BOB_FACE : null));
            }
            if (sequence >= 12 && sequence <= 15) {
                inView.add(withEmbedding(tracked(face(160, 240, 100, 0.99f), ALICE), ALICE_FACE));
            }
            send(frame("door", sequence, inView.toArray(DetectedFace[]::new)));
        }

        List<Alert> raised = alerts.readValuesToList();
        assertThat(raised).extracting(Alert::getType, Alert::getSequence, Alert::getPerson).containsExactly(
                tuple(AlertType.FACE_PRESENT, 12L, "Alice"), tuple(AlertType.FACE_GONE, 35L, "Alice"));
        assertThat(raised.get(0).getEpisodeStart()).as("the episode Bob opened").isEqualTo(AlertFrames.captureTime(6));
    }

    @Test
    void withoutPerPersonTheSameTwoPeopleMakeOneEpisode() {
        twoPeopleOneAfterTheOther("door", 1, 35);

        List<Alert> raised = alerts.readValuesToList();
        assertThat(raised).extracting(Alert::getType, Alert::getSequence).containsExactly(
                tuple(AlertType.FACE_PRESENT, 3L), tuple(AlertType.FACE_GONE, 35L));
        assertThat(raised.get(0).getAlertId()).isEqualTo("door/-/FACE_PRESENT/1/" + millis(1));
        assertThat(raised).extracting(Alert::getTrackId).containsOnlyNulls();
        assertThat(raised.get(1).getBestFace().getSequence()).as("the best face of anyone").isEqualTo(7L);
        assertThat(episodes().get("door").people()).isEmpty();
    }

    @Test
    void perPersonFacesWithoutATrackIdShareOneEpisodeAsBefore() {
        configure("door", perPerson().build());
        for (long sequence = 1; sequence <= 10; sequence++) {
            // Two people, from a worker that does not track.
            send(frame("door", sequence, face(160, 240, 100, 0.95f),
                    face(480, 240, 100, sequence == 4 ? 0.99f : 0.96f)));
        }
        for (long sequence = 11; sequence <= 25; sequence++) {
            send(frame("door", sequence));
        }

        List<Alert> raised = alerts.readValuesToList();
        assertThat(raised).extracting(Alert::getType, Alert::getSequence).containsExactly(
                tuple(AlertType.FACE_PRESENT, 3L), tuple(AlertType.FACE_GONE, 25L));
        assertThat(raised.get(0).getAlertId()).isEqualTo("door/-/FACE_PRESENT/1/" + millis(1));
        assertThat(raised.get(1).getBestFace().getSequence()).isEqualTo(4L);
        assertThat(raised.get(1).getBestFace().getFaceIndex()).isEqualTo(1);
        assertThat(raised).extracting(Alert::getTrackId).as("the zone's shared episode").containsOnlyNulls();
        assertThat(episodes().get("door").people()).isEmpty();
    }

    @Test
    void perPersonTracksAreForgottenAfterTheirFaceGoneAndWhenTheyLeaveWithoutOne() {
        configure("door", perPerson().build());
        twoPeopleOneAfterTheOther("door", 1, 10);
        assertThat(tracksOf("door")).containsOnlyKeys(ALICE, BOB);
        twoPeopleOneAfterTheOther("door", 11, 25);
        assertThat(tracksOf("door")).as("Alice's FACE_GONE came with frame 25").containsOnlyKeys(BOB);
        twoPeopleOneAfterTheOther("door", 26, 35);
        assertThat(episodes().get("door").people()).isEmpty();
        assertThat(alerts.readValuesToList()).hasSize(4);

        // A passer-by in two frames: not enough for FACE_PRESENT.
        send(frame("door", 36, tracked(clearFace(), "9000-0")));
        send(frame("door", 37, tracked(clearFace(), "9000-0")));
        for (long sequence = 38; sequence <= 41; sequence++) {
            send(frame("door", sequence));
        }
        assertThat(tracksOf("door")).as("frame 37 is still in the window of 5").containsOnlyKeys("9000-0");
        send(frame("door", 42));
        assertThat(episodes().get("door").people()).isEmpty();
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void perPersonTwoPeopleArrivingTogetherGetTwoAlertsEndedByWallClockWhenFramesStop() {
        configure("door", perPerson().build());
        for (long sequence = 1; sequence <= 3; sequence++) {
            send(frame("door", sequence, tracked(face(160, 240, 100, 0.97f), ALICE),
                    tracked(face(480, 240, 100, 0.96f), BOB)));
        }
        send(frame("door", 4, tracked(face(480, 240, 100, 0.96f), BOB)));
        assertThat(alerts.readValuesToList()).extracting(Alert::getAlertId).containsExactly(
                "door/-/FACE_PRESENT/1/" + millis(1) + "/" + ALICE, "door/-/FACE_PRESENT/1/" + millis(1) + "/" + BOB);

        driver.advanceWallClockTime(Duration.ofSeconds(11));

        List<Alert> gone = alerts.readValuesToList();
        assertThat(gone).extracting(Alert::getType, Alert::getTime).containsExactly(
                tuple(AlertType.FACE_GONE, AlertFrames.captureTime(3).plusSeconds(3)),
                tuple(AlertType.FACE_GONE, AlertFrames.captureTime(4).plusSeconds(3)));
        assertThat(gone).extracting(Alert::getTrackId).containsExactly(ALICE, BOB);
        assertThat(gone.get(0).getReason()).isEqualTo("no frame from the camera for 10000 ms");
        assertThat(gone.get(1).getAlertId()).isEqualTo("door/-/FACE_GONE/1/" + millis(1) + "/" + BOB);
        assertThat(episodes().get("door").people()).isEmpty();
        driver.advanceWallClockTime(Duration.ofSeconds(10));
        assertThat(alerts.isEmpty()).as("ended once").isTrue();
    }

    @Test
    void perPersonEpisodesAreKeptWithinEachZone() {
        configure("hall", perPerson().setZones(List.of(new AlertZone("left", List.of(new ZonePoint(0f, 0f),
                new ZonePoint(0.5f, 0f), new ZonePoint(0.5f, 1f), new ZonePoint(0f, 1f))))).build());
        for (long sequence = 1; sequence <= 3; sequence++) {
            send(frame("hall", sequence, tracked(face(100, 240, 100, 0.99f), ALICE),
                    tracked(face(500, 240, 100, 0.99f), BOB)));
        }
        Alert alice = single();
        assertThat(alice.getZone()).isEqualTo("left");
        assertThat(alice.getTrackId()).isEqualTo(ALICE);
        assertThat(alice.getAlertId()).isEqualTo("hall/left/FACE_PRESENT/1/" + millis(1) + "/" + ALICE);

        for (long sequence = 4; sequence <= 6; sequence++) {
            // Bob walks into the zone, Alice out of it.
            send(frame("hall", sequence, tracked(face(500, 240, 100, 0.99f), ALICE),
                    tracked(face(100, 240, 100, 0.99f), BOB)));
        }
        Alert bob = single();
        assertThat(bob.getAlertId()).isEqualTo("hall/left/FACE_PRESENT/4/" + millis(4) + "/" + BOB);
    }

    private void send(FaceDetections frame) {
        faces.pipeInput(frame.getCameraId(), frame, frame.getCaptureTime());
    }

    private void status(String camera, CameraState state, String reason, int secondsAfterStart) {
        Instant time = AlertFrames.START.plusSeconds(secondsAfterStart);
        status.pipeInput(camera, CameraStatus.newBuilder().setCameraId(camera).setState(state).setReason(reason)
                .setTime(time).build(), time);
    }

    private void configure(String camera, AlertRules rules) {
        cameras.pipeInput(camera, CameraConfig.newBuilder().setId(camera).setUrl("rtsp://cam/" + camera)
                .setAlerts(rules).build());
    }

    private static AlertRules.Builder perPerson() {
        return AlertRules.newBuilder().setPerPerson(true);
    }

    /**
     * Alice (left) in frames 1 to 10, her best face in frame 3; Bob (right) in frames 6 to 20, his best in frame 7 and
     * better than hers; then nobody, up to frame 35. Sends the frames {@code from} to {@code to}.
     */
    private void twoPeopleOneAfterTheOther(String camera, long from, long to) {
        for (long sequence = from; sequence <= to; sequence++) {
            List<DetectedFace> inView = new ArrayList<>();
            // As a tracking worker sends them: an embedding with each track's first face only.
            if (sequence <= 10) {
                inView.add(withEmbedding(tracked(face(160, 240, 100, sequence == 3 ? 0.99f : 0.95f), ALICE),
                        sequence == 1 ? ALICE_FACE : null));
            }
            if (sequence >= 6 && sequence <= 20) {
                inView.add(withEmbedding(tracked(face(480, 240, 100, sequence == 7 ? 0.995f : 0.93f), BOB),
                        sequence == 6 ? BOB_FACE : null));
            }
            send(frame(camera, sequence, inView.toArray(DetectedFace[]::new)));
        }
    }

    /** A unit vector along {@code axis}: the embeddings of two people far apart (similarity 0). */
    private static float[] direction(int axis) {
        float[] v = new float[FaceEmbedder.DIMENSIONS];
        v[axis] = 1;
        return v;
    }

    private static DetectedFace withEmbedding(DetectedFace face, float[] embedding) {
        if (embedding != null) {
            List<Float> values = new ArrayList<>();
            for (float value : embedding) {
                values.add(value);
            }
            face.setEmbedding(values);
        }
        return face;
    }

    private KeyValueStore<String, CameraEpisodes> episodes() {
        return driver.getKeyValueStore(AlertTopology.EPISODES);
    }

    /** The face tracks kept for the whole picture of {@code camera}. */
    private Map<String, EpisodeTrack> tracksOf(String camera) {
        return episodes().get(camera).people().getOrDefault(CameraEpisodes.WHOLE_PICTURE, new TreeMap<>());
    }

    private static long millis(long sequence) {
        return AlertFrames.captureTime(sequence).toEpochMilli();
    }

    private Alert single() {
        List<Alert> raised = alerts.readValuesToList();
        assertThat(raised).hasSize(1);
        return raised.get(0);
    }
}
