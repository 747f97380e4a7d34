package io.facestream.sink;

import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.sink.people.FaceIdentity;
import java.time.Instant;
import java.util.List;

/**
 * A face event as stored: what a detector worker found in one frame.
 *
 * @param scan how the frame was examined: FULL, REGIONS, TRACKED or NONE (not examined)
 * @param landmarkSet which points the faces' landmarks are: FIVE_POINT or BLAZEFACE_SIX
 */
public record StoredEvent(String cameraId, long sequence, Instant captureTime, Instant ingestTime, Instant detectTime,
                          int width, int height, String status, String scan, String model, String landmarkSet,
                          String provider, String workerId, List<Face> faces) {

    public StoredEvent {
        faces = List.copyOf(faces);
    }

    /** The event as the API shows it. */
    public static StoredEvent of(FaceDetections event) {
        return new StoredEvent(event.getCameraId(), event.getSequence(), event.getCaptureTime(), event.getIngestTime(),
                event.getDetectTime(), event.getWidth(), event.getHeight(), event.getStatus().name(),
                event.getScan().name(), event.getModel(), event.getLandmarkSet().name(), event.getProvider(),
                event.getWorkerId(), event.getFaces().stream().map(Face::of).toList());
    }

    /**
     * A face: box corners and landmarks in frame pixels, the detector's score, and its track (null from a worker without
     * tracking): the same id while the same person stays in view of the camera.
     *
     * @param personId the person of the gallery the face was matched to, and their name; null for unknown faces
     * @param similarity the cosine similarity of the best match in the gallery, even below the threshold; null when
     *                   the face was not compared with anyone
     */
    public record Face(float x1, float y1, float x2, float y2, float score, List<Point> landmarks, String trackId,
                       Long personId, String person, Float similarity) {
        public Face {
            landmarks = List.copyOf(landmarks);
        }

        public static Face of(DetectedFace face) {
            return of(face, FaceIdentity.NONE);
        }

        /** The face, and who it is. */
        public static Face of(DetectedFace face, FaceIdentity identity) {
            return new Face(face.getBox().getX1(), face.getBox().getY1(), face.getBox().getX2(), face.getBox().getY2(),
                    face.getScore(), face.getLandmarks().stream().map(point -> new Point(point.getX(), point.getY()))
                    .toList(), face.getTrackId(), identity.personId(), identity.name(), identity.similarity());
        }
    }

    public record Point(float x, float y) {
    }
}
