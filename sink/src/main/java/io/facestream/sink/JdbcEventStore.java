package io.facestream.sink;

import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Landmark;
import io.facestream.sink.people.FaceIdentities;
import io.facestream.sink.people.FaceIdentity;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Face events in a relational database: the embedded H2 file database by default, PostgreSQL in production. The
 * schema is created and upgraded by Flyway from {@code db/migration} on open.
 */
public final class JdbcEventStore implements EventStore {
    private static final String EVENT_COLUMNS = "camera_id, seq, capture_time, ingest_time, detect_time, width, height, "
            + "status, model, provider, worker_id, face_count, scan, landmark_set";
    private static final String FACE_COLUMNS = "camera_id, seq, face_index, x1, y1, x2, y2, score, landmarks, track_id,"
            + " person_id, similarity, embedding";
    /**
     * Every table holding data of cameras, in the order a deletion empties them (rows that refer to others first). A
     * new table with {@code camera_id} and a time column of its own is one more line.
     */
    private static final List<CameraData> CAMERA_DATA = List.of(
            CameraData.ofEvents("faces"),
            CameraData.timed("events", "capture_time"),
            CameraData.timed("alerts", "alert_time"));

    private final SinkDatabase database;

    private JdbcEventStore(SinkDatabase database) {
        this.database = database;
    }

    /** Opens the database and brings its schema up to date. */
    public static JdbcEventStore open(String url, String user, String password) {
        return new JdbcEventStore(SinkDatabase.open(url, user, password));
    }

    /** The embedded H2 database in {@code directory}; it stays open until {@link #close()}. */
    static String embeddedUrl(Path directory) {
        return "jdbc:h2:file:" + directory.toAbsolutePath().resolve("events") + ";DB_CLOSE_DELAY=-1";
    }

    @Override
    public void store(List<FaceDetections> events, FaceIdentities identities) {
        if (events.isEmpty()) {
            return;
        }
        // A batch may hold the same event twice (a redelivery); its first copy is the one stored.
        Map<String, FaceDetections> unique = new LinkedHashMap<>();
        events.forEach(event -> unique.putIfAbsent(event.getCameraId() + "\u0000" + event.getSequence(), event));
        List<FaceDetections> batch = List.copyOf(unique.values());
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                int[] inserted = insertEvents(connection, batch);
                insertFaces(connection, batch, inserted, identities);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw database.unavailable("cannot store " + batch.size() + " event(s)", e);
        }
    }

    private int[] insertEvents(Connection connection, List<FaceDetections> batch) throws SQLException {
        String sql = database.postgres()
                ? "INSERT INTO events (" + EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (camera_id, seq) DO NOTHING"
                : "INSERT INTO events (" + EVENT_COLUMNS + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                        + " WHERE NOT EXISTS (SELECT 1 FROM events WHERE camera_id = ? AND seq = ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (FaceDetections event : batch) {
                insert.setString(1, event.getCameraId());
                insert.setLong(2, event.getSequence());
                insert.setObject(3, utc(event.getCaptureTime()));
                insert.setObject(4, utc(event.getIngestTime()));
                insert.setObject(5, utc(event.getDetectTime()));
                insert.setInt(6, event.getWidth());
                insert.setInt(7, event.getHeight());
                insert.setString(8, event.getStatus().name());
                insert.setString(9, event.getModel());
                insert.setString(10, event.getProvider());
                insert.setString(11, event.getWorkerId());
                insert.setInt(12, event.getFaces().size());
                insert.setString(13, event.getScan().name());
                insert.setString(14, event.getLandmarkSet().name());
                if (!database.postgres()) {
                    insert.setString(15, event.getCameraId());
                    insert.setLong(16, event.getSequence());
                }
                insert.addBatch();
            }
            return insert.executeBatch();
        }
    }

    /** Faces only of events this batch inserted, so a redelivered event's faces are not added twice. */
    private void insertFaces(Connection connection, List<FaceDetections> batch, int[] inserted,
                             FaceIdentities identities) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO faces (" + FACE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            boolean any = false;
            for (int i = 0; i < batch.size(); i++) {
                // SUCCESS_NO_INFO (a driver's rewritten batch) counts as inserted: the PRIMARY KEY still guards faces.
                if (inserted[i] == 0) {
                    continue;
                }
                FaceDetections event = batch.get(i);
                List<DetectedFace> faces = event.getFaces();
                for (int index = 0; index < faces.size(); index++) {
                    DetectedFace face = faces.get(index);
                    insert.setString(1, event.getCameraId());
                    insert.setLong(2, event.getSequence());
                    insert.setInt(3, index);
                    insert.setFloat(4, face.getBox().getX1());
                    insert.setFloat(5, face.getBox().getY1());
                    insert.setFloat(6, face.getBox().getX2());
                    insert.setFloat(7, face.getBox().getY2());
                    insert.setFloat(8, face.getScore());
                    insert.setString(9, encodeLandmarks(face.getLandmarks()));
                    insert.setString(10, face.getTrackId());
                    FaceIdentity identity = identities.of(event, index);
                    insert.setObject(11, identity.personId(), Types.BIGINT);
                    insert.setObject(12, identity.similarity(), Types.REAL);
                    insert.setBytes(13, identity.embedding());
                    insert.addBatch();
                    any = true;
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
    }

    @Override
    public List<StoredEvent> find(EventQuery query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        query.cameraId().ifPresent(camera -> {
            where.append(" AND camera_id = ?");
            parameters.add(camera);
        });
        query.from().ifPresent(from -> {
            where.append(" AND capture_time >= ?");
            parameters.add(utc(from));
        });
        query.to().ifPresent(to -> {
            where.append(" AND capture_time < ?");
            parameters.add(utc(to));
        });
        query.track().ifPresent(track -> {
            where.append(" AND EXISTS (SELECT 1 FROM faces t WHERE t.camera_id = events.camera_id"
                    + " AND t.seq = events.seq AND t.track_id = ?)");
            parameters.add(track);
        });
        parameters.add(query.limit());
        parameters.add(query.offset());
        String sql = "SELECT e.camera_id, e.seq, e.capture_time, e.ingest_time, e.detect_time, e.width, e.height,"
                + " e.status, e.model, e.provider, e.worker_id, f.x1, f.y1, f.x2, f.y2, f.score, f.landmarks,"
                + " f.track_id, e.scan, f.person_id, p.name, f.similarity, e.landmark_set"
                + " FROM (SELECT * FROM events" + where
                + " ORDER BY capture_time DESC, camera_id, seq DESC LIMIT ? OFFSET ?) e"
                + " LEFT JOIN faces f ON f.camera_id = e.camera_id AND f.seq = e.seq"
                + " LEFT JOIN people p ON p.id = f.person_id"
                + " ORDER BY e.capture_time DESC, e.camera_id, e.seq DESC, f.face_index";
        try (Connection connection = database.connect(); PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            List<StoredEvent> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                EventRows current = null;
                while (rows.next()) {
                    String camera = rows.getString(1);
                    long sequence = rows.getLong(2);
                    if (current == null || !current.isOf(camera, sequence)) {
                        if (current != null) {
                            events.add(current.toEvent());
                        }
                        current = new EventRows(rows);
                    }
                    current.addFace(rows);
                }
                if (current != null) {
                    events.add(current.toEvent());
                }
            }
            return events;
        } catch (SQLException e) {
            throw database.unavailable("cannot read events", e);
        }
    }

    @Override
    public CameraStats stats(String cameraId) {
        String sql = "SELECT COUNT(*), COALESCE(SUM(CASE WHEN face_count > 0 THEN 1 ELSE 0 END), 0), MAX(capture_time)"
                + " FROM events WHERE camera_id = ?";
        try (Connection connection = database.connect(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, cameraId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new CameraStats(cameraId, row.getLong(1), row.getLong(2),
                        lastEventTime(row.getObject(3, OffsetDateTime.class)));
            }
        } catch (SQLException e) {
            throw database.unavailable("cannot read statistics of camera " + cameraId, e);
        }
    }

    @Override
    public Map<String, Long> delete(EventScope scope) {
        List<Object> parameters = new ArrayList<>();
        scope.cameraId().ifPresent(parameters::add);
        scope.from().map(JdbcEventStore::utc).ifPresent(parameters::add);
        scope.to().map(JdbcEventStore::utc).ifPresent(parameters::add);
        Map<String, Long> deleted = new LinkedHashMap<>();
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                for (CameraData table : CAMERA_DATA) {
                    try (PreparedStatement delete = connection.prepareStatement(table.deleteSql(scope))) {
                        for (int i = 0; i < parameters.size(); i++) {
                            delete.setObject(i + 1, parameters.get(i));
                        }
                        deleted.put(table.name(), delete.executeLargeUpdate());
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw database.unavailable("cannot delete events", e);
        }
        return deleted;
    }

    @Override
    public void check() {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        } catch (SQLException e) {
            throw database.unavailable("database not reachable", e);
        }
    }

    @Override
    public void close() {
        database.shutdown();
    }




    private static Instant lastEventTime(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static String encodeLandmarks(List<Landmark> landmarks) {
        StringBuilder text = new StringBuilder();
        for (Landmark point : landmarks) {
            if (!text.isEmpty()) {
                text.append(';');
            }
            // Float.toString reads back to the same float.
            text.append(point.getX()).append(',').append(point.getY());
        }
        return text.toString();
    }

    static List<StoredEvent.Point> decodeLandmarks(String text) {
        List<StoredEvent.Point> points = new ArrayList<>();
        if (text.isEmpty()) {
            return points;
        }
        for (String pair : text.split(";")) {
            int comma = pair.indexOf(',');
            points.add(new StoredEvent.Point(Float.parseFloat(pair.substring(0, comma)),
                    Float.parseFloat(pair.substring(comma + 1))));
        }
        return points;
    }

    /**
     * A table of camera data and how its rows are found by camera and time: by columns of its own, or through the event
     * (camera_id, seq) they belong to.
     */
    private record CameraData(String name, String cameraColumn, String timeColumn, boolean ofEvent) {
        static CameraData timed(String name, String timeColumn) {
            return new CameraData(name, "camera_id", timeColumn, false);
        }

        static CameraData ofEvents(String name) {
            return new CameraData(name, "e.camera_id", "e.capture_time", true);
        }

        /** The DELETE statement; its parameters are the scope's camera, from and to, those present, in that order. */
        String deleteSql(EventScope scope) {
            StringBuilder filter = new StringBuilder("1 = 1");
            scope.cameraId().ifPresent(camera -> filter.append(" AND ").append(cameraColumn).append(" = ?"));
            scope.from().ifPresent(from -> filter.append(" AND ").append(timeColumn).append(" >= ?"));
            scope.to().ifPresent(to -> filter.append(" AND ").append(timeColumn).append(" < ?"));
            return ofEvent
                    ? "DELETE FROM " + name + " WHERE EXISTS (SELECT 1 FROM events e WHERE e.camera_id = " + name
                            + ".camera_id AND e.seq = " + name + ".seq AND " + filter + ")"
                    : "DELETE FROM " + name + " WHERE " + filter;
        }
    }

    /** The joined rows of one event: its columns, then one face per row (none when the face columns are null). */
    private static final class EventRows {
        private final String camera;
        private final long sequence;
        private final Instant capture;
        private final Instant ingest;
        private final Instant detect;
        private final int width;
        private final int height;
        private final String status;
        private final String scan;
        private final String model;
        private final String landmarkSet;
        private final String provider;
        private final String workerId;
        private final List<StoredEvent.Face> faces = new ArrayList<>();

        EventRows(ResultSet row) throws SQLException {
            camera = row.getString(1);
            sequence = row.getLong(2);
            capture = row.getObject(3, OffsetDateTime.class).toInstant();
            ingest = row.getObject(4, OffsetDateTime.class).toInstant();
            detect = row.getObject(5, OffsetDateTime.class).toInstant();
            width = row.getInt(6);
            height = row.getInt(7);
            status = row.getString(8);
            model = row.getString(9);
            provider = row.getString(10);
            workerId = row.getString(11);
            scan = row.getString(19);
            landmarkSet = row.getString(23);
        }

        boolean isOf(String otherCamera, long otherSequence) {
            return camera.equals(otherCamera) && sequence == otherSequence;
        }

        void addFace(ResultSet row) throws SQLException {
            String landmarks = row.getString(17);
            if (landmarks != null) {
                String person = row.getString(21); // null also for a face whose person was deleted meanwhile
                faces.add(new StoredEvent.Face(row.getFloat(12), row.getFloat(13), row.getFloat(14), row.getFloat(15),
                        row.getFloat(16), decodeLandmarks(landmarks), row.getString(18),
                        person == null ? null : row.getLong(20), person, row.getObject(22, Float.class)));
            }
        }

        StoredEvent toEvent() {
            return new StoredEvent(camera, sequence, capture, ingest, detect, width, height, status, scan, model,
                    landmarkSet, provider, workerId, faces);
        }
    }
}
