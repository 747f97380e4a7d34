package io.facestream.ingest;

import io.facestream.schemas.CameraUrls;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One camera's grabber loop, on its own thread: opens the stream with FFmpeg, samples decoded frames
 * to the target rate, scales and JPEG-encodes them, and reconnects with backoff when the stream
 * fails, ends or stalls (no frame for the camera's stall timeout, see {@link StallWatchdog}); after a
 * refused password it waits {@link #AUTHENTICATION_RETRY} instead.
 */
final class CameraGrabber implements Runnable {

    /** What the grabber tells the camera it runs for. */
    interface Events {
        void connecting();

        void streaming();

        void down(String reason);

        /** The camera finished for good (a file without loop reached its end). */
        void finished(String reason);

        void grabbed();

        void sampled(EncodedFrame frame);
    }

    /**
     * How long a camera that refused the credentials is left alone: cameras lock accounts after repeated failures. A
     * changed configuration (a corrected password) restarts the camera, which then tries at once.
     */
    static final Duration AUTHENTICATION_RETRY = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(CameraGrabber.class);

    private final Camera camera;
    private final List<StreamSource> sources;
    private final boolean file;
    private final Backoff backoff;
    private final Events events;
    private final FrameSampler sampler;
    private final FrameScaler scaler;
    private final StallWatchdog watchdog;
    private final PlaybackClock clock = new PlaybackClock();
    private volatile boolean running = true;

    CameraGrabber(Camera camera, Backoff backoff, Events events) {
        this.camera = camera;
        this.sources = StreamSource.attempts(camera.url(), camera.stallTimeout(), camera.transport());
        this.file = sources.get(0).isFile();
        this.backoff = backoff;
        this.events = events;
        this.sampler = new FrameSampler(camera.fps());
        this.scaler = new FrameScaler(camera.maxWidth(), camera.maxHeight());
        this.watchdog = new StallWatchdog(camera.stallTimeout(), this::reportStall);
    }

    /** On the watchdog's thread or this camera's: the log line carries the camera either way. */
    private void reportStall() {
        String before = MDC.get("camera");
        MDC.put("camera", camera.id());
        try {
            events.down(StallWatchdog.reason(camera.stallTimeout()));
        } finally {
            if (before == null) {
                MDC.remove("camera");
            }
        }
    }

    /** Asks the loop to end; a read in progress ends by the stream's timeout at the latest. */
    void stop() {
        running = false;
    }

    @Override
    public void run() {
        FfmpegLog.install();
        try (StallWatchdog stalls = watchdog;
             JpegEncoder encoder = new JpegEncoder(camera.jpegQuality());
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            boolean announce = true;
            while (running) {
                Connection next = connectOnce(encoder, converter, announce);
                if (next == Connection.DONE) {
                    return;
                }
                // A looping file starts again without a visible reconnect.
                announce = next != Connection.LOOP;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What follows a connection. */
    private enum Connection { RECONNECT, LOOP, DONE }

    /** One connection from open to failure or end. */
    private Connection connectOnce(JpegEncoder encoder, Java2DFrameConverter converter, boolean announce)
            throws InterruptedException {
        if (announce) {
            events.connecting();
        }
        sampler.reset();
        clock.reset();
        try (FFmpegFrameGrabber grabber = open()) {
            boolean ended = stream(grabber, encoder, converter, announce);
            if (!running) {
                return Connection.DONE;
            }
            if (ended && file && !camera.loop()) {
                events.finished("end of file");
                return Connection.DONE;
            }
            if (ended && file) {
                return Connection.LOOP;
            }
            throw new StreamFailure("stream ended");
        } catch (Stalled e) {
            // The watchdog has reported it.
            Thread.sleep(backoff.next().toMillis());
            return running ? Connection.RECONNECT : Connection.DONE;
        } catch (Exception e) {
            if (!running || e instanceof InterruptedException) {
                return Connection.DONE;
            }
            StreamError error = StreamError.of(e);
            log.debug("camera {}: {}", camera.id(), CameraUrls.redact(e.toString(), camera.url()));
            if (error.isAuthentication()) {
                events.down(error.words() + "; next try in " + AUTHENTICATION_RETRY.toMinutes()
                        + " minutes, or at once when the camera's settings change");
                Thread.sleep(AUTHENTICATION_RETRY.toMillis());
            } else {
                events.down(CameraUrls.redact(error.words(), camera.url()));
                Thread.sleep(backoff.next().toMillis());
            }
            return Connection.RECONNECT;
        } finally {
            watchdog.disarm();
        }
    }

    /** Opens the first source the camera accepts; AUTO's TCP gives way to UDP only when TCP is not supported. */
    private FFmpegFrameGrabber open() throws Exception {
        for (int i = 0; ; i++) {
            try {
                return start(sources.get(i));
            } catch (FrameGrabber.Exception e) {
                if (i + 1 == sources.size() || !StreamError.of(e).isTransportNotSupported()) {
                    throw e;
                }
                log.info("camera {}: no RTP over {}; trying {}", camera.id(), sources.get(i).rtspTransport(),
                        sources.get(i + 1).rtspTransport());
            }
        }
    }

    private static FFmpegFrameGrabber start(StreamSource source) throws Exception {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.input());
        if (source.format() != null) {
            grabber.setFormat(source.format());
        }
        source.options().forEach(grabber::setOption);
        try {
            grabber.start();
            if (!grabber.hasVideo()) {
                throw new StreamFailure("no video stream");
            }
        } catch (Exception e) {
            try {
                grabber.close();
            } catch (FrameGrabber.Exception | RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return grabber;
    }

    /**
     * Grabs until the stream ends (true) or the camera is stopped (false); throws {@link Stalled} when the stall
     * deadline passed during a read. The connection is dropped then, whatever the read returned: after a read that
     * timed out JavaCV drains the decoder, and the next read would decode nothing ever again.
     */
    private boolean stream(FFmpegFrameGrabber grabber, JpegEncoder encoder, Java2DFrameConverter converter,
                           boolean announce) throws FFmpegFrameGrabber.Exception, InterruptedException, Stalled {
        boolean announced = !announce;
        watchdog.arm();
        while (running) {
            Frame frame = grabber.grabImage();
            if (watchdog.expired()) {
                throw new Stalled();
            }
            if (frame == null || frame.image == null) {
                return true;
            }
            watchdog.frameArrived();
            events.grabbed();
            if (!announced) {
                events.streaming();
                backoff.reset();
                announced = true;
            }
            if (file) {
                clock.awaitFrame(frame.timestamp);
            }
            if (sampler.take(frame.timestamp)) {
                events.sampled(encode(frame, encoder, converter));
            }
        }
        return false;
    }

    private EncodedFrame encode(Frame frame, JpegEncoder encoder, Java2DFrameConverter converter) {
        Instant captured = Instant.now();
        BufferedImage image = scaler.fit(converter.convert(frame));
        return new EncodedFrame(camera.id(), captured, image.getWidth(), image.getHeight(), encoder.encode(image));
    }

    /** The stream ended, or holds no video. */
    private static final class StreamFailure extends Exception {
        StreamFailure(String message) {
            super(message);
        }
    }

    /** No frame came before the stall deadline. */
    private static final class Stalled extends Exception {
    }
}
