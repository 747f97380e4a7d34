-- Alert v2: the face track of a per-person episode. Alerts stored before, and shared or camera alerts, have none.
ALTER TABLE alerts ADD COLUMN track_id VARCHAR(200);

-- For /api/alerts?track=ID.
CREATE INDEX alerts_by_track ON alerts (track_id);
