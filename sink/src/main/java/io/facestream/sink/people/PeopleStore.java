package io.facestream.sink.people;

import io.facestream.recognition.FaceEmbedder;
import io.facestream.sink.SinkDatabase;
import io.facestream.sink.people.Person.EnrolledFace;
import io.facestream.sink.people.Person.FaceSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The gallery in the sink's database (H2 or PostgreSQL): people and the embeddings they are enrolled with. */
public final class PeopleStore {
    static final int MAX_NAME = 200;
    static final int MAX_NOTE = 2000;

    private final SinkDatabase database;
    private final Clock clock;

    PeopleStore(SinkDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Opens the database and brings its schema up to date. */
    public static PeopleStore open(String url, String user, String password) {
        return new PeopleStore(SinkDatabase.open(url, user, password), Clock.systemUTC());
    }

    /** An enrolled embedding with the person it belongs to, as the gallery loads them. */
    public record Enrolment(long personId, String name, float[] embedding) {
    }

    /** Adds a person without faces yet. */
    public Person add(String name, String note) {
        String cleanName = requireText("name", name, MAX_NAME);
        String cleanNote = note == null || note.isBlank() ? null : requireText("note", note, MAX_NOTE);
        Instant now = clock.instant();
        try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO people (name, note, created_at) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, cleanName);
            insert.setString(2, cleanNote);
            insert.setObject(3, utc(now));
            insert.executeUpdate();
            return new Person(generatedId(insert), cleanName, cleanNote, now, List.of());
        } catch (SQLException e) {
            throw database.unavailable("cannot add person " + cleanName, e);
        }
    }

    /** Everyone, by name, each with their enrolled faces (oldest first). */
    public List<Person> list() {
        return people("", List.of());
    }

    public Optional<Person> find(long id) {
        return people(" WHERE p.id = ?", List.of(id)).stream().findFirst();
    }

    /**
     * Deletes the person and every embedding of theirs; the faces matched to them become unknown.
     *
     * @return whether there was such a person
     */
    public boolean delete(long id) {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement unmatch = connection.prepareStatement(
                    "UPDATE faces SET person_id = NULL WHERE person_id = ?");
                 PreparedStatement delete = connection.prepareStatement("DELETE FROM people WHERE id = ?")) {
                unmatch.setLong(1, id);
                unmatch.executeUpdate();
                delete.setLong(1, id);
                boolean deleted = delete.executeUpdate() > 0;
                connection.commit();
                return deleted;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw database.unavailable("cannot delete person " + id, e);
        }
    }

    /**
     * Enrols {@code embedding} as a face of person {@code personId}.
     *
     * @param source the stored face it was taken from, or null
     * @return the enrolled face, empty when there is no such person
     */
    public Optional<EnrolledFace> enrol(long personId, float[] embedding, FaceSource source) {
        if (embedding.length != FaceEmbedder.DIMENSIONS) {
            throw new IllegalArgumentException("an embedding has " + FaceEmbedder.DIMENSIONS + " values, got "
                    + embedding.length);
        }
        Instant now = clock.instant();
        String sql = "INSERT INTO person_faces (person_id, embedding, camera_id, seq, face_index, created_at)"
                + " SELECT id, ?, ?, ?, ?, ? FROM people WHERE id = ?";
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            insert.setBytes(1, Embeddings.toBytes(embedding));
            insert.setString(2, source == null ? null : source.camera());
            insert.setObject(3, source == null ? null : source.sequence(), Types.BIGINT);
            insert.setObject(4, source == null ? null : source.face(), Types.INTEGER);
            insert.setObject(5, utc(now));
            insert.setLong(6, personId);
            if (insert.executeUpdate() == 0) {
                return Optional.empty();
            }
            return Optional.of(new EnrolledFace(generatedId(insert), now, source));
        } catch (SQLException e) {
            throw database.unavailable("cannot enrol a face of person " + personId, e);
        }
    }

    /** Deletes enrolled face {@code faceId} of person {@code personId}; whether there was one. */
    public boolean deleteFace(long personId, long faceId) {
        try (Connection connection = database.connect(); PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM person_faces WHERE id = ? AND person_id = ?")) {
            delete.setLong(1, faceId);
            delete.setLong(2, personId);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw database.unavailable("cannot delete face " + faceId + " of person " + personId, e);
        }
    }

    /** Every enrolled embedding, for matching in memory. */
    public List<Enrolment> enrolments() {
        String sql = "SELECT p.id, p.name, f.embedding FROM person_faces f JOIN people p ON p.id = f.person_id"
                + " ORDER BY f.id";
        try (Connection connection = database.connect(); PreparedStatement select = connection.prepareStatement(sql);
             ResultSet rows = select.executeQuery()) {
            List<Enrolment> enrolments = new ArrayList<>();
            while (rows.next()) {
                enrolments.add(new Enrolment(rows.getLong(1), rows.getString(2),
                        Embeddings.fromBytes(rows.getBytes(3))));
            }
            return enrolments;
        } catch (SQLException e) {
            throw database.unavailable("cannot read the enrolled faces", e);
        }
    }

    private List<Person> people(String where, List<Object> parameters) {
        String sql = "SELECT p.id, p.name, p.note, p.created_at, f.id, f.created_at, f.camera_id, f.seq, f.face_index"
                + " FROM people p LEFT JOIN person_faces f ON f.person_id = p.id" + where
                + " ORDER BY p.name, p.id, f.id";
        try (Connection connection = database.connect(); PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            Map<Long, Person> people = new LinkedHashMap<>();
            Map<Long, List<EnrolledFace>> faces = new LinkedHashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long id = rows.getLong(1);
                    if (!people.containsKey(id)) {
                        people.put(id, new Person(id, rows.getString(2), rows.getString(3),
                                rows.getObject(4, OffsetDateTime.class).toInstant(), List.of()));
                        faces.put(id, new ArrayList<>());
                    }
                    List<EnrolledFace> own = faces.get(id);
                    long faceId = rows.getLong(5);
                    if (!rows.wasNull()) {
                        own.add(new EnrolledFace(faceId, rows.getObject(6, OffsetDateTime.class).toInstant(),
                                source(rows)));
                    }
                }
            }
            return people.values().stream().map(person -> new Person(person.id(), person.name(), person.note(),
                    person.createdAt(), faces.get(person.id()))).toList();
        } catch (SQLException e) {
            throw database.unavailable("cannot read people", e);
        }
    }

    private static FaceSource source(ResultSet row) throws SQLException {
        String camera = row.getString(7);
        return camera == null ? null : new FaceSource(camera, row.getLong(8), row.getInt(9));
    }

    private static long generatedId(PreparedStatement insert) throws SQLException {
        try (ResultSet keys = insert.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    private static String requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        String text = value.strip();
        if (text.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters, was "
                    + text.length());
        }
        return text;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
