package io.facestream.sink.crops;

import io.facestream.cascade.ImageDecoder;
import io.facestream.cascade.Point;
import io.facestream.recognition.FaceAligner;
import io.facestream.schemas.avro.BoundingBox;
import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/** Makes and stores the aligned and context crops of every face of an event, from the event's frame. */
public final class FaceCrops {
    private final CropStore store;

    public FaceCrops(CropStore store) {
        this.store = store;
    }

    /**
     * Crops every face of {@code event} out of {@code frame}.
     *
     * @return how many faces were cropped (already stored ones included: making them again is harmless)
     * @throws IOException when the frame does not decode or a crop cannot be written
     */
    public int crop(Frame frame, FaceDetections event) throws IOException {
        BufferedImage image = decode(frame);
        // Boxes and landmarks refer to the event's width and height; the frame is normally just that size.
        float scaleX = event.getWidth() > 0 ? (float) image.getWidth() / event.getWidth() : 1f;
        float scaleY = event.getHeight() > 0 ? (float) image.getHeight() / event.getHeight() : 1f;
        Instant captured = event.getCaptureTime();
        List<DetectedFace> faces = event.getFaces();
        for (int index = 0; index < faces.size(); index++) {
            DetectedFace face = faces.get(index);
            BoundingBox box = face.getBox();
            BoundingBox inFrame = new BoundingBox(box.getX1() * scaleX, box.getY1() * scaleY, box.getX2() * scaleX,
                    box.getY2() * scaleY);
            List<Point> landmarks = face.getLandmarks().stream()
                    .map(point -> new Point(point.getX() * scaleX, point.getY() * scaleY)).toList();
            store.write(event.getCameraId(), event.getSequence(), index, CropStore.Kind.ALIGNED, captured,
                    FaceAligner.aligned(image, landmarks));
            store.write(event.getCameraId(), event.getSequence(), index, CropStore.Kind.CONTEXT, captured,
                    ContextCrop.context(image, inFrame));
        }
        return faces.size();
    }

    /** Refuses, undecoded, a frame declaring more pixels than a worker decodes by default: it gets no crops. */
    private static BufferedImage decode(Frame frame) throws IOException {
        ByteBuffer data = frame.getData().duplicate();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return ImageDecoder.decode(new ByteArrayInputStream(bytes), "frame " + frame.getCameraId() + " #"
                + frame.getSequence(), ImageDecoder.DEFAULT_MAX_PIXELS);
    }
}
