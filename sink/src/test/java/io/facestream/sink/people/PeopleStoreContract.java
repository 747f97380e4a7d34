package io.facestream.sink.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facestream.recognition.FaceEmbedder;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.FrameScan;
import io.facestream.sink.EventQuery;
import io.facestream.sink.EventScope;
import io.facestream.sink.JdbcEventStore;
import io.facestream.sink.SinkDatabase;
import io.facestream.sink.StoredEvent;
import io.facestream.sink.TestEvents;
import io.facestream.sink.people.Person.FaceSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the gallery must do on every database the sink writes to; subclasses say which. */
abstract class PeopleStoreContract {
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    private SinkDatabase database;
    private PeopleStore people;
    private JdbcEventStore events;

    /** A JDBC URL of an empty database, and its user and password. */
    protected abstract String[] emptyDatabase();

    @BeforeEach
    void open() {
        String[] where = emptyDatabase();
        database = SinkDatabase.open(where[0], where[1], where[2]);
        people = new PeopleStore(database, Clock.fixed(NOW, ZoneOffset.UTC));
        events = JdbcEventStore.open(where[0], where[1], where[2]);
    }

    @AfterEach
    void close() {
        events.close();
        database.shutdown();
    }

    /** A unit vector along {@code axis}, tilted towards the next axis by {@code tilt} radians. */
    static float[] direction(int axis, double tilt) {
        float[] v = new float[FaceEmbedder.DIMENSIONS];
        v[axis] = (float) Math.cos(tilt);
        v[axis + 1] = (float) Math.sin(tilt);
        return v;
    }

    @Test
    void peopleAreListedByNameWithTheirEnrolledFaces() {
        Person grace = people.add("  Grace  ", "night shift");
        Person ada = people.add("Ada", "");
        people.enrol(grace.id(), direction(0, 0), new FaceSource("door", 42, 1)).orElseThrow();
        people.enrol(grace.id(), direction(2, 0), null).orElseThrow();

        List<Person> all = people.list();
        assertThat(all).extracting(Person::name).containsExactly("Ada", "Grace");
        assertThat(all.get(0).note()).isNull();
        assertThat(all.get(0).faces()).isEmpty();
        assertThat(all.get(1).note()).isEqualTo("night shift");
        assertThat(all.get(1).createdAt()).isEqualTo(NOW);
        assertThat(all.get(1).faces()).extracting(Person.EnrolledFace::source)
                .containsExactly(new FaceSource("door", 42, 1), null);
        assertThat(people.find(ada.id())).contains(all.get(0));
        assertThat(people.enrolments()).extracting(PeopleStore.Enrolment::name).containsExactly("Grace", "Grace");
        assertThat(people.enrolments().get(1).embedding()).containsExactly(direction(2, 0));
    }

    @Test
    void namesAndNotesAreCheckedAndFacesNeedAPerson() {
        assertThatThrownBy(() -> people.add(" ", null)).hasMessage("name must not be empty");
        assertThatThrownBy(() -> people.add("x".repeat(201), null))
                .hasMessage("name must be at most 200 characters, was 201");
        assertThat(people.enrol(999, direction(0, 0), null)).isEmpty();
        assertThatThrownBy(() -> people.enrol(people.add("Ada", null).id(), new float[128], null))
                .hasMessage("an embedding has 192 values, got 128");
    }

    @Test
    void deletingAPersonDeletesTheirEmbeddingsAndUnnamesTheirFaces() throws SQLException {
        PeopleGallery gallery = new PeopleGallery(people::enrolments);
        Person ada = people.add("Ada", null);
        Person grace = people.add("Grace", null);
        people.enrol(ada.id(), direction(0, 0), null);
        long graceFace = people.enrol(grace.id(), direction(4, 0), null).orElseThrow().id();
        gallery.reload();
        FaceIdentifier identifier = new FaceIdentifier(gallery, 0.6f, false);
        FaceDetections seen = withEmbeddings(TestEvents.withFaces("door", 1, 2), direction(0, 0.1), direction(4, 0.2));
        events.store(List.of(seen), identifier.identify(List.of(seen)));

        assertThat(people.delete(ada.id())).isTrue();
        assertThat(people.delete(ada.id())).isFalse();
        assertThat(people.deleteFace(grace.id(), graceFace + 1000)).isFalse();
        assertThat(people.deleteFace(ada.id(), graceFace)).isFalse(); // not hers
        assertThat(people.list()).extracting(Person::name).containsExactly("Grace");
        assertThat(count("SELECT COUNT(*) FROM person_faces")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM faces WHERE person_id IS NOT NULL")).isEqualTo(1);
        assertThat(storedFaces()).extracting(StoredEvent.Face::person).containsExactly(null, "Grace");

        assertThat(people.deleteFace(grace.id(), graceFace)).isTrue();
        assertThat(people.enrolments()).isEmpty();
    }

    @Test
    void storedFacesCarryTheirMatchAndTrackedFacesWithoutEmbeddingInheritIt() {
        PeopleGallery gallery = new PeopleGallery(people::enrolments);
        people.enrol(people.add("Ada", null).id(), direction(0, 0), null);
        gallery.reload();
        FaceIdentifier identifier = new FaceIdentifier(gallery, 0.6f, false);
        // Ada close up (cos 0.1 = 0.995), a stranger (cos 1.2 = 0.36), and Ada's track again without an embedding.
        FaceDetections first = withEmbeddings(TestEvents.tracked("door", 1, FrameScan.FULL, "t-ada", "t-other"),
                direction(0, 0.1), direction(0, 1.2));
        FaceDetections later = TestEvents.tracked("door", 2, FrameScan.TRACKED, "t-ada", "t-new");
        events.store(List.of(first, later), identifier.identify(List.of(first, later)));

        List<StoredEvent> stored = events.find(EventQuery.ofCamera("door", 10));
        StoredEvent.Face laterAda = stored.get(0).faces().get(0);
        assertThat(laterAda.person()).isEqualTo("Ada");
        assertThat(laterAda.similarity()).isEqualTo((float) Math.cos(0.1));
        assertThat(stored.get(0).faces().get(1).similarity()).isNull(); // a new track, never embedded
        assertThat(stored.get(1).faces()).extracting(StoredEvent.Face::person).containsExactly("Ada", null);
        assertThat(stored.get(1).faces().get(1).similarity()).isEqualTo((float) Math.cos(1.2));
        assertThat(stored.get(1).faces().get(0).personId()).isPositive();
    }

    @Test
    void embeddingsOfPassersByAreStoredOnlyWhenAskedForAndDeletedWithTheirEvents() throws SQLException {
        PeopleGallery gallery = new PeopleGallery(people::enrolments);
        FaceDetections withoutKeeping = withEmbeddings(TestEvents.withFaces("door", 1, 1), direction(0, 0));
        FaceDetections keeping = withEmbeddings(TestEvents.withFaces("hall", 1, 1), direction(0, 0));
        events.store(List.of(withoutKeeping),
                new FaceIdentifier(gallery, 0.6f, false).identify(List.of(withoutKeeping)));
        events.store(List.of(keeping), new FaceIdentifier(gallery, 0.6f, true).identify(List.of(keeping)));

        assertThat(count("SELECT COUNT(*) FROM faces WHERE embedding IS NOT NULL AND camera_id = 'door'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM faces WHERE embedding IS NOT NULL AND camera_id = 'hall'")).isOne();
        events.delete(EventScope.ofCamera("hall"));
        assertThat(count("SELECT COUNT(*) FROM faces WHERE embedding IS NOT NULL")).isZero();
    }

    private static FaceDetections withEmbeddings(FaceDetections event, float[]... embeddings) {
        for (int i = 0; i < embeddings.length; i++) {
            List<Float> values = new java.util.ArrayList<>();
            for (float value : embeddings[i]) {
                values.add(value);
            }
            event.getFaces().get(i).setEmbedding(values);
        }
        return event;
    }

    private List<StoredEvent.Face> storedFaces() {
        return events.find(EventQuery.ofCamera("door", 10)).get(0).faces();
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
