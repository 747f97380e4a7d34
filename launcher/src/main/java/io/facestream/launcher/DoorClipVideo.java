package io.facestream.launcher;

import io.facestream.ingest.DemoVideo;
import io.facestream.samples.DoorClip;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** A door clip of the sample photos as a video file, encoded as the demo camera's video is. */
final class DoorClipVideo {
    private DoorClipVideo() {
    }

    /** Writes {@code dir/<clip>-<width>x<height>-<fps>fps.mp4} and returns it. */
    static Path write(Path dir, DoorClip clip, int width, int height, int fps) throws IOException {
        Path file = dir.resolve(String.format(Locale.ROOT, "%s-%dx%d-%dfps.mp4",
                clip.name().toLowerCase(Locale.ROOT).replace('_', '-'), width, height, fps));
        DoorClip.Renderer renderer = clip.renderer(width, height);
        DemoVideo.encode(file, width, height, fps, clip.frameCount(fps), i -> renderer.frame(i / (double) fps));
        return file;
    }
}
