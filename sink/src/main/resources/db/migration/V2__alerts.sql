-- One row per alert; alert_id is the alert's identity, so an alert delivered twice (at least once) is stored once.
CREATE TABLE alerts (
    alert_id      VARCHAR(500)  NOT NULL,
    camera_id     VARCHAR(200)  NOT NULL,
    zone_name     VARCHAR(200),
    alert_type    VARCHAR(32)   NOT NULL,
    alert_time    TIMESTAMP WITH TIME ZONE NOT NULL,
    episode_start TIMESTAMP WITH TIME ZONE,
    seq           BIGINT,
    -- The best face of the episode (face alerts only); its crop is /api/crops/{camera_id}/{face_seq}/{face_index}.
    face_seq      BIGINT,
    face_index    INTEGER,
    face_score    REAL,
    x1            REAL,
    y1            REAL,
    x2            REAL,
    y2            REAL,
    reason        VARCHAR(2000),
    PRIMARY KEY (alert_id)
);

CREATE INDEX alerts_by_camera_and_time ON alerts (camera_id, alert_time);
CREATE INDEX alerts_by_time ON alerts (alert_time);
