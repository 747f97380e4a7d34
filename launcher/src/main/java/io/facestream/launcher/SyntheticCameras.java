package io.facestream.launcher;

import io.facestream.cascade.RgbImage;
import io.facestream.ingest.Camera;
import io.facestream.ingest.JpegEncoder;
import io.facestream.samples.DoorClip;
import io.facestream.schemas.avro.Frame;
import io.facestream.schemas.avro.FrameEncoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.imageio.ImageIO;

/**
 * The cameras {@code bench pipeline} sends: one photo in every frame, or a door clip that each camera plays in a
 * loop, starting at its own point in the clip so that the cameras are not in lockstep. Every distinct picture is
 * JPEG-encoded once, before the cameras start, so that sending costs little CPU.
 *
 * <p>A frame's capture time is the moment it is made, as a camera's is: it runs on across the clip's loop point,
 * where only the picture jumps back (a tracker takes a capture time going back for a restart).
 */
final class SyntheticCameras {
    private final String source;
    private final List<byte[]> pictures;
    private final int width;
    private final int height;
    private final Clock clock;
    private final AtomicLongArray sent;

    private SyntheticCameras(String source, List<byte[]> pictures, int width, int height, int cameras, Clock clock) {
        this.source = source;
        this.pictures = pictures;
        this.width = width;
        this.height = height;
        this.clock = clock;
        this.sent = new AtomicLongArray(cameras);
    }

    /** {@code cameras} cameras that all show {@code frame} in every frame, encoded as the benchmark always did. */
    static SyntheticCameras photo(RgbImage frame, int cameras, Clock clock) throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(frame.toBufferedImage(), "jpg", jpeg);
        return new SyntheticCameras("photo", List.of(jpeg.toByteArray()), frame.width(), frame.height(), cameras,
                clock);
    }

    /** {@code cameras} cameras that play {@code clip} at {@code fps}, its frames encoded as ingest encodes them. */
    static SyntheticCameras clip(DoorClip clip, int width, int height, double fps, int cameras, Clock clock) {
        DoorClip.Renderer renderer = clip.renderer(width, height);
        int frames = Math.max(1, clip.frameCount(fps));
        List<byte[]> pictures = new ArrayList<>(frames);
        try (JpegEncoder encoder = new JpegEncoder(Camera.DEFAULT_JPEG_QUALITY)) {
            for (int i = 0; i < frames; i++) {
                pictures.add(encoder.encode(renderer.frame(i / fps)));
            }
        }
        return new SyntheticCameras(clipName(clip), List.copyOf(pictures), width, height, cameras, clock);
    }

    /** The clip's name on the command line: {@code door}, {@code in-view}, {@code lights}. */
    static String clipName(DoorClip clip) {
        return clip.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What the frames show: {@code photo} or the clip's name. */
    String source() {
        return source;
    }

    int count() {
        return sent.length();
    }

    /** Distinct pictures: 1 for the photo, the clip's frames at the rate for a clip. */
    int pictures() {
        return pictures.size();
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    static String id(int camera) {
        return "bench-" + camera;
    }

    /** The picture {@code camera} shows in its frame {@code sequence}: cameras start evenly spread over the clip. */
    int pictureIndex(int camera, long sequence) {
        long start = (long) camera * pictures.size() / count();
        return (int) ((start + sequence) % pictures.size());
    }

    /** The next frame of {@code camera}, captured now; one thread at a time per camera. */
    Frame next(int camera) {
        long sequence = sent.getAndIncrement(camera);
        Instant now = clock.instant();
        return Frame.newBuilder().setCameraId(id(camera)).setSequence(sequence).setCaptureTime(now)
                .setIngestTime(now).setWidth(width).setHeight(height).setEncoding(FrameEncoding.JPEG)
                .setData(ByteBuffer.wrap(pictures.get(pictureIndex(camera, sequence)))).build();
    }

    /** Frames {@code camera} has sent so far. */
    long sent(int camera) {
        return sent.get(camera);
    }

    /** Frames all cameras have sent so far. */
    long sent() {
        long total = 0;
        for (int c = 0; c < count(); c++) {
            total += sent.get(c);
        }
        return total;
    }
}
