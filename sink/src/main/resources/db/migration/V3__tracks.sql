-- Video-aware workers: how each frame was examined, and the track of each face (the same id while the same person
-- stays in view of the camera). Events stored before were scanned whole, and their faces have no track.
ALTER TABLE events ADD COLUMN scan VARCHAR(16) DEFAULT 'FULL' NOT NULL;
ALTER TABLE faces ADD COLUMN track_id VARCHAR(200);

-- For /api/events?track=ID.
CREATE INDEX faces_by_track ON faces (track_id);
