package io.facestream.worker;

import io.facestream.blazeface.DetectorModel;
import io.facestream.cascade.Face;
import io.facestream.cascade.Point;
import io.facestream.cascade.RgbImage;
import io.facestream.schemas.avro.BoundingBox;
import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import io.facestream.schemas.avro.FrameScan;
import io.facestream.schemas.avro.Landmark;
import io.facestream.schemas.avro.LandmarkSet;
import io.facestream.tracking.TrackedFace;
import io.facestream.tracking.TrackedFrame;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Builds the one {@link FaceDetections} event each frame gets. */
final class FaceEvents {
    private final String workerId;
    private final DetectorModel model;
    private final String provider;
    private final int maxFramePixels;
    private final Clock clock;

    /**
     * {@code model}: the worker's detector, as the events of frames not examined name it (an examined frame's event
     * names the detector that examined it).
     */
    FaceEvents(String workerId, DetectorModel model, String provider, int maxFramePixels, Clock clock) {
        this.workerId = workerId;
        this.model = model;
        this.provider = provider;
        this.maxFramePixels = maxFramePixels;
        this.clock = clock;
    }

    /** The faces found in {@code image}, the frame's decoded image: the boxes refer to its size. */
    FaceDetections detected(Frame frame, RgbImage image, ExaminedFrame examined) {
        TrackedFrame found = examined.found();
        List<DetectedFace> faces = new ArrayList<>();
        for (int i = 0; i < found.faces().size(); i++) {
            faces.add(face(found.faces().get(i), examined.embeddings().get(i)));
        }
        return event(frame, DetectionStatus.OK, FrameScan.valueOf(found.scan().name()), faces,
                new Size(image.width(), image.height()), examined.model());
    }

    FaceDetections skippedStale(Frame frame) {
        return event(frame, DetectionStatus.SKIPPED_STALE, FrameScan.NONE, List.of(), claimedSize(frame), model);
    }

    FaceDetections undecodable(Frame frame) {
        return event(frame, DetectionStatus.UNDECODABLE, FrameScan.NONE, List.of(), claimedSize(frame), model);
    }

    /**
     * An undecoded frame's size is only what its producer claims: passed on when it is one this worker would decode,
     * else 0 x 0 (unknown), so that a forged record puts no negative or absurd size into the events.
     */
    private Size claimedSize(Frame frame) {
        boolean plausible = frame.getWidth() > 0 && frame.getHeight() > 0
                && (long) frame.getWidth() * frame.getHeight() <= maxFramePixels;
        return plausible ? new Size(frame.getWidth(), frame.getHeight()) : Size.UNKNOWN;
    }

    private FaceDetections event(Frame frame, DetectionStatus status, FrameScan scan, List<DetectedFace> faces,
                                 Size size, DetectorModel model) {
        return FaceDetections.newBuilder()
                .setCameraId(frame.getCameraId())
                .setSequence(frame.getSequence())
                .setCaptureTime(frame.getCaptureTime())
                .setIngestTime(frame.getIngestTime())
                .setDetectTime(clock.instant())
                .setWidth(size.width())
                .setHeight(size.height())
                .setModel(model.eventName())
                .setLandmarkSet(LandmarkSet.valueOf(model.landmarkSet().name()))
                .setProvider(provider)
                .setWorkerId(workerId)
                .setStatus(status)
                .setScan(scan)
                .setFaces(faces)
                .build();
    }

    private static DetectedFace face(TrackedFace tracked, float[] embedding) {
        Face face = tracked.face();
        return DetectedFace.newBuilder()
                .setBox(new BoundingBox(face.box().x1(), face.box().y1(), face.box().x2(), face.box().y2()))
                .setScore(face.score())
                .setLandmarks(face.landmarks().stream().map(FaceEvents::landmark).toList())
                .setTrackId(tracked.track())
                .setEmbedding(embedding == null ? null : boxed(embedding))
                .build();
    }

    private static List<Float> boxed(float[] values) {
        List<Float> list = new ArrayList<>(values.length);
        for (float value : values) {
            list.add(value);
        }
        return list;
    }

    private static Landmark landmark(Point point) {
        return new Landmark(point.x(), point.y());
    }

    private record Size(int width, int height) {
        static final Size UNKNOWN = new Size(0, 0);
    }
}
