package io.facestream.sink.people;

import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.Face;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.RgbImage;
import io.facestream.recognition.FaceEmbedder;
import io.facestream.schemas.avro.BoundingBox;
import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.Landmark;
import java.util.ArrayList;
import java.util.List;

/** Faces of a real photo as a detector worker sends them, found and embedded by the real models. */
public final class WorkerFaces implements AutoCloseable {
    private final FaceDetector detector = FaceDetector.create(DetectorOptions.builder().threads(1).build());
    private final FaceEmbedder embedder = FaceEmbedder.create(1);

    /** The image's best face: box, score, landmarks and, if asked for, its embedding. */
    public List<DetectedFace> best(RgbImage image, boolean embedded) {
        Face face = detector.detect(image).get(0);
        List<Float> embedding = null;
        if (embedded) {
            embedding = new ArrayList<>();
            for (float value : embedder.embed(image, List.of(face))[0]) {
                embedding.add(value);
            }
        }
        return List.of(new DetectedFace(new BoundingBox(face.box().x1(), face.box().y1(), face.box().x2(),
                face.box().y2()), face.score(), face.landmarks().stream()
                .map(point -> new Landmark(point.x(), point.y())).toList(), null, embedding));
    }

    @Override
    public void close() {
        detector.close();
        embedder.close();
    }
}
