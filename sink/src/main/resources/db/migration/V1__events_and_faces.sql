-- One row per FaceDetections event; (camera_id, seq) is the event's identity, so a redelivered event is stored once.
CREATE TABLE events (
    camera_id    VARCHAR(200) NOT NULL,
    seq          BIGINT       NOT NULL,
    capture_time TIMESTAMP WITH TIME ZONE NOT NULL,
    ingest_time  TIMESTAMP WITH TIME ZONE NOT NULL,
    detect_time  TIMESTAMP WITH TIME ZONE NOT NULL,
    width        INTEGER      NOT NULL,
    height       INTEGER      NOT NULL,
    status       VARCHAR(32)  NOT NULL,
    model        VARCHAR(200) NOT NULL,
    provider     VARCHAR(64)  NOT NULL,
    worker_id    VARCHAR(200) NOT NULL,
    -- Kept with the event so statistics and "events with faces" need no join.
    face_count   INTEGER      NOT NULL,
    PRIMARY KEY (camera_id, seq)
);

CREATE INDEX events_by_camera_and_time ON events (camera_id, capture_time);
CREATE INDEX events_by_time ON events (capture_time);

-- Faces in the order of the event (best score first). Landmarks as "x,y;x,y;..." in frame pixels:
-- always read and written together, never queried alone.
CREATE TABLE faces (
    camera_id  VARCHAR(200) NOT NULL,
    seq        BIGINT       NOT NULL,
    face_index INTEGER      NOT NULL,
    x1         REAL         NOT NULL,
    y1         REAL         NOT NULL,
    x2         REAL         NOT NULL,
    y2         REAL         NOT NULL,
    score      REAL         NOT NULL,
    landmarks  VARCHAR(2000) NOT NULL,
    PRIMARY KEY (camera_id, seq, face_index),
    FOREIGN KEY (camera_id, seq) REFERENCES events (camera_id, seq) ON DELETE CASCADE
);
