package io.facestream.sink.alerts;

import io.facestream.schemas.avro.Alert;
import io.facestream.schemas.avro.AlertFace;
import io.facestream.sink.SinkDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Alerts in the sink's database (H2 or PostgreSQL), one row per alert id. */
public final class JdbcAlertStore implements AutoCloseable {
    private static final String COLUMNS = "alert_id, camera_id, zone_name, alert_type, alert_time, episode_start, seq, "
            + "face_seq, face_index, face_score, x1, y1, x2, y2, reason, track_id, person_id, person, similarity";

    private final SinkDatabase database;

    private JdbcAlertStore(SinkDatabase database) {
        this.database = database;
    }

    /** Opens the database and brings its schema up to date. */
    public static JdbcAlertStore open(String url, String user, String password) {
        return new JdbcAlertStore(SinkDatabase.open(url, user, password));
    }

    /** Stores the alert unless one with its id is stored already. */
    public void store(Alert alert) {
        String sql = database.postgres()
                ? "INSERT INTO alerts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (alert_id) DO NOTHING"
                : "INSERT INTO alerts (" + COLUMNS + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                        + " WHERE NOT EXISTS (SELECT 1 FROM alerts WHERE alert_id = ?)";
        try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement(sql)) {
            AlertFace face = alert.getBestFace();
            insert.setString(1, alert.getAlertId());
            insert.setString(2, alert.getCameraId());
            insert.setString(3, alert.getZone());
            insert.setString(4, alert.getType().name());
            insert.setObject(5, utc(alert.getTime()));
            insert.setObject(6, alert.getEpisodeStart() == null ? null : utc(alert.getEpisodeStart()),
                    Types.TIMESTAMP_WITH_TIMEZONE);
            setLong(insert, 7, alert.getSequence());
            setLong(insert, 8, face == null ? null : face.getSequence());
            if (face == null) {
                for (int column = 9; column <= 14; column++) {
                    insert.setNull(column, column == 9 ? Types.INTEGER : Types.REAL);
                }
            } else {
                insert.setInt(9, face.getFaceIndex());
                insert.setFloat(10, face.getScore());
                insert.setFloat(11, face.getX1());
                insert.setFloat(12, face.getY1());
                insert.setFloat(13, face.getX2());
                insert.setFloat(14, face.getY2());
            }
            insert.setString(15, alert.getReason());
            insert.setString(16, alert.getTrackId());
            setLong(insert, 17, alert.getPersonId());
            insert.setString(18, alert.getPerson());
            insert.setObject(19, alert.getSimilarity(), Types.REAL);
            if (!database.postgres()) {
                insert.setString(20, alert.getAlertId());
            }
            insert.executeUpdate();
        } catch (SQLException e) {
            throw database.unavailable("cannot store alert " + alert.getAlertId(), e);
        }
    }

    public List<StoredAlert> find(AlertQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alerts WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        query.cameraId().ifPresent(camera -> {
            sql.append(" AND camera_id = ?");
            parameters.add(camera);
        });
        query.track().ifPresent(track -> {
            sql.append(" AND track_id = ?");
            parameters.add(track);
        });
        query.from().ifPresent(from -> {
            sql.append(" AND alert_time >= ?");
            parameters.add(utc(from));
        });
        query.to().ifPresent(to -> {
            sql.append(" AND alert_time < ?");
            parameters.add(utc(to));
        });
        sql.append(" ORDER BY alert_time DESC, alert_id LIMIT ? OFFSET ?");
        parameters.add(query.limit());
        parameters.add(query.offset());
        try (Connection connection = database.connect(); PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            List<StoredAlert> alerts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    alerts.add(read(rows));
                }
            }
            return alerts;
        } catch (SQLException e) {
            throw database.unavailable("cannot read alerts", e);
        }
    }

    private static StoredAlert read(ResultSet row) throws SQLException {
        String camera = row.getString(2);
        long faceSequence = row.getLong(8);
        StoredAlert.BestFace face = row.wasNull() ? null : new StoredAlert.BestFace(camera, faceSequence, row.getInt(9),
                row.getFloat(10), row.getFloat(11), row.getFloat(12), row.getFloat(13), row.getFloat(14));
        long sequence = row.getLong(7);
        Long maybeSequence = row.wasNull() ? null : sequence;
        return new StoredAlert(row.getString(1), camera, row.getString(3), row.getString(4),
                instant(row.getObject(5, OffsetDateTime.class)), instant(row.getObject(6, OffsetDateTime.class)),
                maybeSequence, face, row.getString(15), row.getString(16), row.getObject(17, Long.class),
                row.getString(18), row.getObject(19, Float.class));
    }

    @Override
    public void close() {
        database.shutdown();
    }

    private static void setLong(PreparedStatement statement, int column, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(column, Types.BIGINT);
        } else {
            statement.setLong(column, value);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
