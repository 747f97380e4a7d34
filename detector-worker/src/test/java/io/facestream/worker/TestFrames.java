package io.facestream.worker;

import io.facestream.cascade.RgbImage;
import io.facestream.samples.ForgedJpeg;
import io.facestream.samples.SamplePhoto;
import io.facestream.schemas.avro.Frame;
import io.facestream.schemas.avro.FrameEncoding;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.kafka.common.utils.Utils;

/** Frame records made from the real sample photos, as ingest would send them. */
final class TestFrames {
    private static final Map<SamplePhoto, Jpeg> JPEGS = new EnumMap<>(SamplePhoto.class);

    /** A photo encoded once, with the size it was encoded at. */
    private record Jpeg(byte[] bytes, int width, int height) {
    }

    private TestFrames() {
    }

    static Frame frame(String camera, long sequence, SamplePhoto photo) {
        return frame(camera, sequence, photo, Instant.now());
    }

    static Frame frame(String camera, long sequence, SamplePhoto photo, Instant captured) {
        Jpeg jpeg = jpeg(photo);
        return Frame.newBuilder().setCameraId(camera).setSequence(sequence).setCaptureTime(captured)
                .setIngestTime(captured).setWidth(jpeg.width()).setHeight(jpeg.height())
                .setEncoding(FrameEncoding.JPEG).setData(ByteBuffer.wrap(jpeg.bytes())).build();
    }

    /** A frame whose bytes are no JPEG. */
    static Frame corrupt(String camera, long sequence) {
        Frame frame = frame(camera, sequence, SamplePhoto.COFFEE);
        byte[] broken = java.util.Arrays.copyOf(jpeg(SamplePhoto.COFFEE).bytes(), 300);
        frame.setData(ByteBuffer.wrap(broken));
        return frame;
    }

    /** A frame of a few hundred bytes whose JPEG header declares, as does the record, {@code width x height}. */
    static Frame declaring(String camera, long sequence, int width, int height) {
        Frame frame = frame(camera, sequence, SamplePhoto.COFFEE);
        frame.setWidth(width);
        frame.setHeight(height);
        frame.setData(ByteBuffer.wrap(ForgedJpeg.declaring(width, height)));
        return frame;
    }

    /** Camera ids whose frames land on partitions 0..n-1, one each, so that both workers get frames. */
    static List<String> onePerPartition(int partitions) {
        String[] cameras = new String[partitions];
        for (int i = 0, found = 0; found < partitions; i++) {
            String camera = "cam-" + i;
            int partition = Utils.toPositive(Utils.murmur2(camera.getBytes(StandardCharsets.UTF_8))) % partitions;
            if (cameras[partition] == null) {
                cameras[partition] = camera;
                found++;
            }
        }
        return List.of(cameras);
    }

    private static synchronized Jpeg jpeg(SamplePhoto photo) {
        return JPEGS.computeIfAbsent(photo, p -> {
            try {
                BufferedImage scaled = scaledToWidth(RgbImage.read(p.path()).toBufferedImage(), 640);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ImageIO.write(scaled, "jpg", out);
                return new Jpeg(out.toByteArray(), scaled.getWidth(), scaled.getHeight());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Camera-sized frames keep the tests quick. */
    private static BufferedImage scaledToWidth(BufferedImage image, int width) {
        int height = Math.round((float) image.getHeight() * width / image.getWidth());
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                java.awt.RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return scaled;
    }
}
