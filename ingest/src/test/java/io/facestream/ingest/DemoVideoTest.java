package io.facestream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoVideoTest {
    @TempDir
    Path dir;

    @Test
    void shortVideoDecodesToTheRequestedSizeRateAndLength() throws Exception {
        Path video = dir.resolve("demo.mp4");
        DemoVideo.write(video, 320, 240, 10, Duration.ofSeconds(3));
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            assertThat(grabber.getImageWidth()).isEqualTo(320);
            assertThat(grabber.getImageHeight()).isEqualTo(240);
            assertThat(grabber.getFrameRate()).isEqualTo(10.0);
            int frames = 0;
            for (Frame frame = grabber.grabImage(); frame != null; frame = grabber.grabImage()) {
                frames++;
            }
            assertThat(frames).isEqualTo(30);
        }
    }

    @Test
    void ensureWritesOnceAndReusesTheFile() throws Exception {
        Path folder = dir.resolve("videos");
        Files.createDirectories(folder);
        Path existing = Files.writeString(folder.resolve(DemoVideo.FILE_NAME), "already made");
        Files.setLastModifiedTime(existing, FileTime.fromMillis(0));
        assertThat(DemoVideo.ensure(folder)).isEqualTo(existing);
        assertThat(Files.readString(existing)).isEqualTo("already made");
    }
}
