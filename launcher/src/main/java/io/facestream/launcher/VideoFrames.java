package io.facestream.launcher;

import io.facestream.cascade.RgbImage;
import io.facestream.ingest.FrameSampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A video file's frames, decoded by FFmpeg as fast as it can and sampled to a rate by their
 * timestamps as ingest samples a camera. Errors name the file.
 */
final class VideoFrames implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VideoFrames.class);

    /** A sampled frame: its number among the sampled frames, its time in the video and its picture. */
    record VideoFrame(int index, long timeMs, RgbImage image) {
    }

    private final Path file;
    private final FFmpegFrameGrabber grabber;
    private final FrameSampler sampler;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private int sampled;

    private VideoFrames(Path file, FFmpegFrameGrabber grabber, FrameSampler sampler) {
        this.file = file;
        this.grabber = grabber;
        this.sampler = sampler;
    }

    /** Opens {@code file}; {@code fps} null takes every frame. */
    static VideoFrames open(Path file, Double fps) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        // FFmpeg's own messages about a bad file would repeat, unredacted and unordered, what the error says.
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        try {
            grabber.start();
            if (!grabber.hasVideo() || grabber.getImageWidth() <= 0) {
                throw new IOException(file + ": no video stream");
            }
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly(grabber);
            // JavaCV's message adds hints about its own API to FFmpeg's error code: for the log only.
            log.debug("{}: {}", file, e.getMessage());
            throw new IOException(file + ": not a video FFmpeg can decode", e);
        } catch (IOException e) {
            closeQuietly(grabber);
            throw e;
        }
        return new VideoFrames(file, grabber, fps == null ? null : new FrameSampler(fps));
    }

    /** The next sampled frame, or null at the end of the video. */
    VideoFrame next() throws IOException {
        try {
            for (Frame frame = grabber.grabImage(); frame != null; frame = grabber.grabImage()) {
                if (frame.image != null && (sampler == null || sampler.take(frame.timestamp))) {
                    RgbImage image = RgbImage.of(converter.convert(frame));
                    return new VideoFrame(sampled++, Math.round(frame.timestamp / 1000.0), image);
                }
            }
            if (sampled == 0) {
                throw new IOException(file + ": no frame could be decoded");
            }
            return null;
        } catch (FrameGrabber.Exception e) {
            throw new IOException(file + ": cannot decode frame " + sampled + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        converter.close();
        closeQuietly(grabber);
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            // nothing left to release that an error here would tell about
        }
    }
}
