package io.facestream.ingest;

import io.facestream.schemas.CameraUrls;
import java.awt.image.BufferedImage;
import java.time.Instant;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * One camera's grabber loop, on its own thread: opens the stream with FFmpeg, samples decoded frames
 * to the target rate, scales and JPEG-encodes them, and reconnects with backoff when the stream
 * fails, ends or stalls (no frame for the camera's stall timeout).
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

    private final Camera camera;
    private final StreamSource source;
    private final Backoff backoff;
    private final Events events;
    private final FrameSampler sampler;
    private final FrameScaler scaler;
    private final PlaybackClock clock = new PlaybackClock();
    private volatile boolean running = true;

    CameraGrabber(Camera camera, Backoff backoff, Events events) {
        this.camera = camera;
        this.source = StreamSource.of(camera.url(), camera.stallTimeout());
        this.backoff = backoff;
        this.events = events;
        this.sampler = new FrameSampler(camera.fps());
        this.scaler = new FrameScaler(camera.maxWidth(), camera.maxHeight());
    }

    /** Asks the loop to end; a read in progress ends by the stream's timeout at the latest. */
    void stop() {
        running = false;
    }

    @Override
    public void run() {
        FfmpegLog.install();
        try (JpegEncoder encoder = new JpegEncoder(camera.jpegQuality());
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
            if (ended && source.isFile() && !camera.loop()) {
                events.finished("end of file");
                return Connection.DONE;
            }
            if (ended && source.isFile()) {
                return Connection.LOOP;
            }
            throw new StreamFailure(ended ? "stream ended" : "stalled: no frame for " + camera.stallTimeout().toMillis() + " ms");
        } catch (Exception e) {
            if (!running || e instanceof InterruptedException) {
                return Connection.DONE;
            }
            events.down(CameraUrls.redact(describe(e), camera.url()));
            Thread.sleep(backoff.next().toMillis());
            return Connection.RECONNECT;
        }
    }

    private FFmpegFrameGrabber open() throws FrameGrabber.Exception {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.input());
        if (source.format() != null) {
            grabber.setFormat(source.format());
        }
        source.options().forEach(grabber::setOption);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            try {
                grabber.close();
            } catch (FrameGrabber.Exception | RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return grabber;
    }

    /** Grabs until the stream ends (true) or stalls (false), or the camera is stopped. */
    private boolean stream(FFmpegFrameGrabber grabber, JpegEncoder encoder, Java2DFrameConverter converter,
                           boolean announce) throws FFmpegFrameGrabber.Exception, InterruptedException {
        long stallNanos = camera.stallTimeout().multipliedBy(9).dividedBy(10).toNanos();
        boolean readTimedOut = false;
        boolean announced = !announce;
        while (running) {
            long before = System.nanoTime();
            Frame frame = grabber.grabImage();
            // A network read that timed out still returns the frames FFmpeg had buffered, then ends like a
            // closed stream: a call that blocked for about the stall timeout tells the two apart.
            readTimedOut |= System.nanoTime() - before >= stallNanos;
            if (frame == null || frame.image == null) {
                return !(source.isNetwork() && readTimedOut);
            }
            events.grabbed();
            if (!announced) {
                events.streaming();
                backoff.reset();
                announced = true;
            }
            if (source.isFile()) {
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

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** The stream ended or stalled; the message says which. */
    private static final class StreamFailure extends Exception {
        StreamFailure(String message) {
            super(message);
        }
    }
}
