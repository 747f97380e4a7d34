package io.facestream.launcher;

import io.facestream.cascade.Box;
import io.facestream.cascade.FaceDetector;
import io.facestream.tracking.FaceTracker;
import io.facestream.tracking.TrackedFace;
import io.facestream.tracking.TrackedFrame;
import io.facestream.tracking.TrackerOptions;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/** {@code detect --video}: a video file's frames through a {@link FaceTracker}, one report line per frame. */
final class VideoDetection {
    private final VideoOptions video;
    private final Path annotateDir;

    VideoDetection(VideoOptions video, Path annotateDir) {
        this.video = video;
        this.annotateDir = annotateDir;
    }

    /** 0 when the whole video was read, 1 (after one line on {@code err} naming the file) when it could not be. */
    int run(DetectorSettings settings, VideoReport report, PrintWriter out, PrintWriter err) {
        TrackerOptions trackerOptions = video.trackerOptions();
        try (VideoFrames frames = VideoFrames.open(video.file, video.fps);
             FaceDetector detector = settings.createFaceDetector()) {
            FaceTracker tracker = new FaceTracker(detector, trackerOptions);
            for (VideoFrames.VideoFrame frame = frames.next(); frame != null; frame = frames.next()) {
                TrackedFrame result = tracker.next(frame.image(), frame.timeMs());
                report.write(frame.index(), frame.image().width(), frame.image().height(), result);
                if (annotateDir != null) {
                    annotate(frame, result);
                }
                out.flush();
            }
            return 0;
        } catch (IOException e) {
            err.println("face-stream detect: " + e.getMessage());
            return 1;
        }
    }

    /** Writes {@code DIR/frame-<n>.png}: boxes and landmarks as {@code detect --annotate} draws them, and track ids. */
    private void annotate(VideoFrames.VideoFrame frame, TrackedFrame result) throws IOException {
        BufferedImage canvas = Annotation.draw(frame.image(),
                result.faces().stream().map(TrackedFace::face).toList());
        Graphics2D g = canvas.createGraphics();
        float size = Math.max(12f, Math.max(canvas.getWidth(), canvas.getHeight()) / 50f);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(size)));
        g.setColor(Color.WHITE);
        for (TrackedFace face : result.faces()) {
            Box b = face.face().box();
            g.drawString(face.track(), b.x1(), b.y2() + size);
        }
        g.drawString(result.scan().label(), size / 2, size * 1.2f);
        g.dispose();
        Files.createDirectories(annotateDir);
        Path target = annotateDir.resolve(String.format(Locale.ROOT, "frame-%06d.png", frame.index()));
        if (!ImageIO.write(canvas, "png", target.toFile())) {
            throw new IOException("no PNG writer available for " + target);
        }
    }
}
