-- Which points the faces' landmarks are: FIVE_POINT (MTCNN's five) or BLAZEFACE_SIX (the model blazeface). Events
-- stored before came from five-point detectors.
ALTER TABLE events ADD COLUMN landmark_set VARCHAR(16) DEFAULT 'FIVE_POINT' NOT NULL;
