package io.facestream.ingest;

import io.facestream.samples.SamplePhoto;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * The demo camera's video for the local run, made from the project's sample photos: people slide or
 * fade into the picture and leave again, with stretches of nobody (a cup of coffee, an empty
 * background) between them. MPEG-4 part 2, which every FFmpeg build encodes and decodes.
 */
public final class DemoVideo {
    public static final String FILE_NAME = "demo-camera.mp4";
    public static final int WIDTH = 640;
    public static final int HEIGHT = 480;
    public static final int FPS = 10;
    public static final Duration LENGTH = Duration.ofSeconds(36);

    private static final Color BACKGROUND = new Color(58, 62, 66);

    /** How a photo enters and leaves the picture. */
    private enum Motion { SLIDE_FROM_LEFT, SLIDE_FROM_RIGHT, FADE, CUT }

    /**
     * A photo on screen from {@code from} to {@code to} (fractions of the video), centred at {@code centerX},
     * at most {@code width} and {@code height} of the picture in size (fractions too).
     */
    private record Shot(SamplePhoto photo, double from, double to, Motion motion, double centerX, double width,
                        double height) {
    }

    // 36 s at the nominal length: 4 s nobody (coffee), a person, 3 s empty, an astronaut, a group,
    // 3 s coffee, then two people side by side.
    private static final List<Shot> STORYBOARD = List.of(
            new Shot(SamplePhoto.COFFEE, 0 / 36.0, 4 / 36.0, Motion.CUT, 0.5, 0.95, 0.9),
            new Shot(SamplePhoto.SAMPLE1, 4 / 36.0, 11 / 36.0, Motion.SLIDE_FROM_LEFT, 0.5, 0.95, 0.9),
            new Shot(SamplePhoto.ASTRONAUT, 14 / 36.0, 20 / 36.0, Motion.FADE, 0.5, 0.95, 0.9),
            new Shot(SamplePhoto.MULTIFACE, 20 / 36.0, 27 / 36.0, Motion.SLIDE_FROM_RIGHT, 0.5, 0.95, 0.8),
            new Shot(SamplePhoto.COFFEE, 27 / 36.0, 30 / 36.0, Motion.CUT, 0.5, 0.95, 0.9),
            new Shot(SamplePhoto.SAMPLE2, 30 / 36.0, 36 / 36.0, Motion.FADE, 0.26, 0.48, 0.8),
            new Shot(SamplePhoto.SAMPLE3, 31 / 36.0, 36 / 36.0, Motion.SLIDE_FROM_RIGHT, 0.75, 0.48, 0.8));
    /** Share of a shot spent entering, and again leaving. */
    private static final double TRANSITION = 0.2;

    private DemoVideo() {
    }

    /** The demo video in {@code folder}, made on first use (640x480, 10 fps, 36 s) and reused after. */
    public static Path ensure(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, "demo-camera", ".mp4");
            write(partial, WIDTH, HEIGHT, FPS, LENGTH);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo video in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the storyboard, squeezed or stretched to {@code length}, to {@code file}; the container
     * follows the file name (.mp4, .mkv, .ts). Tests use short ones.
     */
    public static void write(Path file, int width, int height, int fps, Duration length) throws IOException {
        Map<SamplePhoto, BufferedImage> photos = loadPhotos();
        int frames = (int) Math.round(length.toMillis() / 1000.0 * fps);
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        encode(file, width, height, fps, frames, i -> {
            render(canvas, photos, i / (double) frames);
            return canvas;
        });
    }

    /**
     * Encodes {@code frames} pictures, frame {@code i} drawn by {@code picture}, as a video of the demo's
     * codec at {@code fps} to {@code file}; the container follows the file name.
     */
    public static void encode(Path file, int width, int height, int fps, int frames, IntFunction<BufferedImage> picture)
            throws IOException {
        FfmpegLog.install();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            // A key frame every second: a viewer joining a stream, or a loop restarting, waits at most that.
            recorder.setGopSize(fps);
            recorder.setVideoBitrate(1_500_000);
            recorder.start();
            for (int i = 0; i < frames; i++) {
                recorder.record(converter.convert(picture.apply(i)));
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("cannot encode " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<SamplePhoto, BufferedImage> loadPhotos() throws IOException {
        Map<SamplePhoto, BufferedImage> photos = new EnumMap<>(SamplePhoto.class);
        for (Shot shot : STORYBOARD) {
            if (!photos.containsKey(shot.photo())) {
                BufferedImage image = ImageIO.read(shot.photo().path().toFile());
                if (image == null) {
                    throw new IOException("cannot decode sample photo " + shot.photo().fileName());
                }
                photos.put(shot.photo(), image);
            }
        }
        return photos;
    }

    /** Draws the picture at {@code time}, a fraction of the video from 0 to 1. */
    private static void render(BufferedImage canvas, Map<SamplePhoto, BufferedImage> photos, double time) {
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
            for (Shot shot : STORYBOARD) {
                if (time >= shot.from() && time < shot.to()) {
                    draw(g, canvas, photos.get(shot.photo()), shot, (time - shot.from()) / (shot.to() - shot.from()));
                }
            }
        } finally {
            g.dispose();
        }
    }

    /** Draws one shot's photo at {@code progress} (0 to 1) through the shot. */
    private static void draw(Graphics2D g, BufferedImage canvas, BufferedImage photo, Shot shot, double progress) {
        int frameWidth = canvas.getWidth();
        int frameHeight = canvas.getHeight();
        double scale = Math.min(shot.height() * frameHeight / photo.getHeight(), shot.width() * frameWidth / photo.getWidth());
        int w = (int) Math.round(photo.getWidth() * scale);
        int h = (int) Math.round(photo.getHeight() * scale);
        int x = (int) Math.round(shot.centerX() * frameWidth - w / 2.0);
        int y = (frameHeight - h) / 2;
        // 0 while the photo is fully in the picture, 1 when it is fully out of it.
        double away = progress < TRANSITION ? 1 - progress / TRANSITION
                : progress > 1 - TRANSITION ? (progress - (1 - TRANSITION)) / TRANSITION : 0;
        float alpha = 1;
        switch (shot.motion()) {
            case SLIDE_FROM_LEFT -> x += (int) Math.round((progress < 0.5 ? -1 : 1) * away * (x + w));
            case SLIDE_FROM_RIGHT -> x += (int) Math.round((progress < 0.5 ? 1 : -1) * away * (frameWidth - x));
            case FADE -> alpha = (float) (1 - away);
            case CUT -> { }
        }
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, alpha));
        g.drawImage(photo, x, y, w, h, null);
        g.setComposite(AlphaComposite.SrcOver);
    }
}
