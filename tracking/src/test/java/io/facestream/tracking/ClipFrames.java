package io.facestream.tracking;

import io.facestream.cascade.RgbImage;
import io.facestream.samples.DoorClip;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** A door clip's frames as a detector worker receives them: rendered, JPEG-encoded as ingest does, decoded. */
final class ClipFrames {
    static final int WIDTH = 320;
    static final int HEIGHT = 240;
    static final double FPS = 5;
    private static final float JPEG_QUALITY = 0.8f;
    private static final Map<DoorClip, List<Frame>> MADE = new EnumMap<>(DoorClip.class);

    /** One frame: its capture time and picture, and the faces the clip drew into it. */
    record Frame(long timeMs, RgbImage image, List<DoorClip.FaceInView> truth) {
    }

    private ClipFrames() {
    }

    /** The clip's frames, made once per test run. */
    static synchronized List<Frame> of(DoorClip clip) {
        return MADE.computeIfAbsent(clip, ClipFrames::make);
    }

    private static List<Frame> make(DoorClip clip) {
        DoorClip.Renderer renderer = clip.renderer(WIDTH, HEIGHT);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < clip.frameCount(FPS); i++) {
            double t = i / FPS;
            frames.add(new Frame(Math.round(t * 1000), jpegRoundTrip(renderer.frame(t)), renderer.faces(t)));
        }
        return frames;
    }

    /** The clip's frame at {@code t} seconds. */
    static Frame at(DoorClip clip, double t) {
        return of(clip).get((int) Math.round(t * FPS));
    }

    static RgbImage jpegRoundTrip(BufferedImage image) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
            return RgbImage.decode(new ByteArrayInputStream(bytes.toByteArray()), "clip frame");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
