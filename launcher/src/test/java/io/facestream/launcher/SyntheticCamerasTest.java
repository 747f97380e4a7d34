package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.cascade.RgbImage;
import io.facestream.samples.DoorClip;
import io.facestream.samples.SamplePhoto;
import io.facestream.schemas.avro.Frame;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The frames {@code bench pipeline} sends: a door clip looped per camera from its own point, or one photo. */
class SyntheticCamerasTest {
    private static final double FPS = 5;
    private static final int CAMERAS = 4;

    @Test
    void eachCameraPlaysTheClipFromItsOwnPointAndLoops() throws IOException {
        SyntheticCameras cameras = SyntheticCameras.clip(DoorClip.DOOR, 320, 240, FPS, CAMERAS, new TickingClock());
        int clipFrames = DoorClip.DOOR.frameCount(FPS);
        assertThat(cameras.pictures()).isEqualTo(clipFrames);

        List<List<Frame>> sent = new ArrayList<>();
        for (int c = 0; c < CAMERAS; c++) {
            List<Frame> frames = new ArrayList<>();
            for (int i = 0; i <= clipFrames; i++) {
                frames.add(cameras.next(c));
            }
            sent.add(frames);
        }

        Set<ByteBuffer> firstPictures = new HashSet<>();
        for (int c = 0; c < CAMERAS; c++) {
            firstPictures.add(sent.get(c).get(0).getData());
            // the cameras are spread evenly over the clip: camera c starts where camera 0 is c quarters in
            assertThat(sent.get(c).get(0).getData()).isEqualTo(sent.get(0).get(c * clipFrames / CAMERAS).getData());
        }
        assertThat(firstPictures).hasSize(CAMERAS);

        List<Frame> camera0 = sent.get(0);
        Set<ByteBuffer> pictures = new HashSet<>();
        for (Frame frame : camera0.subList(0, clipFrames)) {
            pictures.add(frame.getData());
        }
        assertThat(pictures).as("one picture per frame of the clip").hasSize(clipFrames);
        assertThat(camera0.get(clipFrames).getData()).as("the loop starts the clip over")
                .isEqualTo(camera0.get(0).getData());
        assertThat(meanDifference(decode(camera0.get(0)), decode(camera0.get(clipFrames / 4))))
                .as("nobody at the door, then a person in view: far more than sensor noise").isGreaterThan(8);

        for (int i = 1; i < camera0.size(); i++) {
            assertThat(camera0.get(i).getSequence()).isEqualTo(i);
            assertThat(camera0.get(i).getCaptureTime()).as("capture time runs on across the loop")
                    .isAfter(camera0.get(i - 1).getCaptureTime());
        }
        assertThat(cameras.sent(0)).isEqualTo(clipFrames + 1);
        assertThat(cameras.sent()).isEqualTo(CAMERAS * (clipFrames + 1L));
    }

    @Test
    void clipFramesAreJpegsOfTheirSize() throws IOException {
        SyntheticCameras cameras = SyntheticCameras.clip(DoorClip.LIGHTS, 640, 480, FPS, 2, Clock.systemUTC());
        Frame frame = cameras.next(1);
        assertThat(frame.getCameraId()).isEqualTo("bench-1");
        assertThat(frame.getWidth()).isEqualTo(640);
        assertThat(frame.getHeight()).isEqualTo(480);
        BufferedImage image = decode(frame);
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(480);
    }

    @Test
    void everyFrameOfThePhotoCamerasShowsThePhoto() throws IOException {
        RgbImage photo = Frames.fitted(RgbImage.read(SamplePhoto.SAMPLE1.path()), new int[] {640, 480});
        SyntheticCameras cameras = SyntheticCameras.photo(photo, 3, Clock.systemUTC());
        assertThat(cameras.source()).isEqualTo("photo");
        assertThat(cameras.pictures()).isEqualTo(1);
        ByteBuffer first = cameras.next(0).getData();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 3; i++) {
                assertThat(cameras.next(c).getData()).isEqualTo(first);
            }
        }
    }

    private static BufferedImage decode(Frame frame) throws IOException {
        ByteBuffer data = frame.getData().duplicate();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    /** Mean absolute difference of the grey values, 0 to 255. */
    private static double meanDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                sum += Math.abs(grey(a.getRGB(x, y)) - grey(b.getRGB(x, y)));
            }
        }
        return (double) sum / (a.getWidth() * a.getHeight());
    }

    private static int grey(int rgb) {
        return (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;
    }

    /** A clock that moves on by one frame period each time it is read. */
    private static final class TickingClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            now = now.plusMillis(Math.round(1000 / FPS));
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
