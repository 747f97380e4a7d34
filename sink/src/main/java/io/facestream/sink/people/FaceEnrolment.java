package io.facestream.sink.people;

import io.facestream.cascade.DetectorOptions;
import io.facestream.cascade.ExecutionProvider;
import io.facestream.cascade.Face;
import io.facestream.cascade.FaceDetector;
import io.facestream.cascade.ImageDecoder;
import io.facestream.cascade.RgbImage;
import io.facestream.recognition.FaceAligner;
import io.facestream.recognition.FaceEmbedder;
import io.facestream.sink.crops.CropStore;
import io.facestream.sink.people.Person.FaceSource;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The embedding to enrol a person with, from an uploaded photo (detected with the cascade, aligned and embedded) or
 * from a face the sink stored (its aligned crop, embedded). The models are loaded on first use: a sink whose gallery
 * is never edited does not pay for them. Thread-safe.
 */
public final class FaceEnrolment implements AutoCloseable {
    /** The largest photo accepted: a 24-megapixel JPEG of good quality is about this size. */
    public static final int MAX_PHOTO_BYTES = 10 * 1024 * 1024;
    /** Enrolling is rare and must not take the cores from event storage and the API. */
    private static final int THREADS = 1;

    private final CropStore crops;
    private FaceDetector detector;
    private FaceEmbedder embedder;

    public FaceEnrolment(CropStore crops) {
        this.crops = crops;
    }

    /**
     * The embedding of the one face in {@code photo}.
     *
     * @throws IllegalArgumentException naming what is wrong: not an image, too large, or not exactly one face
     */
    public synchronized float[] fromPhoto(byte[] photo) {
        if (photo.length > MAX_PHOTO_BYTES) {
            throw new IllegalArgumentException(tooLarge(photo.length));
        }
        RgbImage image;
        try {
            image = RgbImage.of(ImageDecoder.decode(new ByteArrayInputStream(photo), "the photo",
                    ImageDecoder.DEFAULT_MAX_PIXELS));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        List<Face> faces = detector().detect(image);
        if (faces.size() != 1) {
            throw new IllegalArgumentException("the photo must show exactly one face to enrol, found " + faces.size());
        }
        return embedder().embed(image, faces)[0];
    }

    /** The embedding of a stored face's aligned crop; empty when the sink holds no crop of it. */
    public synchronized Optional<float[]> fromStoredFace(FaceSource face) {
        try {
            Optional<Path> crop = crops.find(face.camera(), face.sequence(), face.face(), CropStore.Kind.ALIGNED);
            if (crop.isEmpty()) {
                return Optional.empty();
            }
            BufferedImage aligned;
            try (var in = Files.newInputStream(crop.get())) {
                aligned = ImageDecoder.decode(in, crop.get().toString(), ImageDecoder.DEFAULT_MAX_PIXELS);
            }
            if (aligned.getWidth() != FaceAligner.ALIGNED_SIZE || aligned.getHeight() != FaceAligner.ALIGNED_SIZE) {
                throw new IllegalStateException(crop.get() + " is no aligned face: " + aligned.getWidth() + "x"
                        + aligned.getHeight());
            }
            return Optional.of(embedder().embed(List.of(aligned))[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the crop of " + face, e);
        }
    }

    static String tooLarge(long bytes) {
        return "the photo is " + bytes + " bytes; at most " + MAX_PHOTO_BYTES + " (10 MiB) are accepted";
    }

    private FaceDetector detector() {
        if (detector == null) {
            detector = FaceDetector.create(DetectorOptions.builder().threads(THREADS).provider(ExecutionProvider.CPU)
                    .build());
        }
        return detector;
    }

    private FaceEmbedder embedder() {
        if (embedder == null) {
            embedder = FaceEmbedder.create(THREADS);
        }
        return embedder;
    }

    @Override
    public synchronized void close() {
        if (detector != null) {
            detector.close();
        }
        if (embedder != null) {
            embedder.close();
        }
    }
}
