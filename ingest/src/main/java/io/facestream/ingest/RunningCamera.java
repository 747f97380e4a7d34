package io.facestream.ingest;

import io.facestream.schemas.CameraUrls;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.CameraState;
import io.facestream.schemas.avro.CameraStatus;
import io.facestream.schemas.avro.Frame;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A camera running on this instance: its grabber thread, its freshest-frame queue and its sender
 * thread, its state as last reported, and its meters. A camera ingest will not open (a file where local sources are
 * not allowed, a placeholder of its URL not set) starts no threads and stays DOWN, saying why.
 */
final class RunningCamera implements CameraGrabber.Events {
    private static final Logger log = LoggerFactory.getLogger(RunningCamera.class);

    private final Camera camera;
    /** The camera as opened: its URL's placeholders filled in. */
    private final Camera opened;
    /** Why the camera is not opened at all; null when it is. */
    private final String refusal;
    private final StatusReporter status;
    private final CameraMeters meters;
    private final FreshestFrameQueue<EncodedFrame> queue;
    private final CameraGrabber grabber;
    private final FrameSender sender;
    private final Thread grabberThread;
    private final Thread senderThread;
    private volatile CameraState state = CameraState.CONNECTING;
    private volatile String reason;

    RunningCamera(Camera camera, int framesPartition, IngestConfig config, Producer<String, Frame> frames,
                  StatusReporter status, MeterRegistry registry) {
        this.camera = camera;
        String url = camera.url();
        String refused = null;
        try {
            url = urlToOpen(camera, config);
        } catch (IllegalArgumentException e) {
            refused = "not opened: " + e.getMessage();
        }
        this.refusal = refused;
        this.opened = Camera.fromAvro(CameraConfig.newBuilder(camera.toAvro()).setUrl(url).build());
        this.status = status;
        this.meters = new CameraMeters(registry, camera.id());
        this.queue = new FreshestFrameQueue<>(config.queueSize());
        this.grabber = new CameraGrabber(opened, new Backoff(config.backoffInitial(), config.backoffMax()), this);
        this.sender = new FrameSender(camera.id(), framesPartition, queue, frames, config.maxInFlight(), meters,
                FrameSender.firstSequenceAt(Instant.now()));
        this.grabberThread = new Thread(withCameraInLogs(grabber), "grabber-" + camera.id());
        this.senderThread = new Thread(withCameraInLogs(sender), "sender-" + camera.id());
    }

    /** The URL ingest opens for {@code camera}; an {@link IllegalArgumentException} says why it opens none. */
    private static String urlToOpen(Camera camera, IngestConfig config) {
        String url = config.cameraSecrets().fill(camera.url());
        if (!config.allowLocalSources() && CameraUrls.isLocalSource(url)) {
            throw new IllegalArgumentException("a file, device or other non-network URL, and INGEST_ALLOW_LOCAL_SOURCES "
                    + "is not true (accepted: " + String.join(", ", CameraUrls.NETWORK_SCHEMES) + ")");
        }
        return url;
    }

    Camera camera() {
        return camera;
    }

    /** Every log line of the camera's threads carries its id (MDC "camera", a field of JSON logs). */
    private Runnable withCameraInLogs(Runnable task) {
        return () -> {
            MDC.put("camera", camera.id());
            task.run();
        };
    }

    CameraState state() {
        return state;
    }

    CameraMeters meters() {
        return meters;
    }

    FreshestFrameQueue<EncodedFrame> queue() {
        return queue;
    }

    void start() {
        if (refusal != null) {
            down(refusal);
            return;
        }
        log.info("camera {}: starting ({})", camera.id(), camera.redactedUrl());
        grabberThread.start();
        senderThread.start();
    }

    /** Asks both threads to end, without waiting: stopping many cameras waits for them together. */
    void signalStop() {
        grabber.stop();
        grabberThread.interrupt();
    }

    /** Waits for the threads (a network read ends by its timeout, twice the stall timeout), then reports STOPPED. */
    void awaitStopped(String why) throws InterruptedException {
        grabberThread.join(camera.stallTimeout().multipliedBy(2).plus(Duration.ofSeconds(2)).toMillis());
        if (grabberThread.isAlive()) {
            log.warn("camera {}: grabber still blocked in FFmpeg after twice its stall timeout; leaving it to end by"
                    + " itself", camera.id());
        }
        sender.stop();
        senderThread.join(Duration.ofSeconds(10).toMillis());
        enter(CameraState.STOPPED, why);
        meters.close();
    }

    /** Reports the current state again, with fresh figures. */
    void reportStatus() {
        status.report(camera.id(), state, reason, meters);
    }

    @Override
    public void connecting() {
        enter(CameraState.CONNECTING, null);
    }

    @Override
    public void streaming() {
        enter(CameraState.STREAMING, null);
    }

    @Override
    public void down(String why) {
        enter(CameraState.DOWN, why);
    }

    @Override
    public void finished(String why) {
        sender.stop();
        enter(CameraState.STOPPED, why);
    }

    @Override
    public void grabbed() {
        meters.grabbed();
    }

    @Override
    public void sampled(EncodedFrame frame) {
        if (queue.add(frame) != null) {
            meters.dropped();
        }
    }

    /** Synchronized: the stall watchdog's thread reports too. */
    private synchronized void enter(CameraState newState, String why) {
        String redacted = CameraUrls.redact(why, opened.url());
        if (newState != state || newState == CameraState.DOWN) {
            if (newState == CameraState.DOWN) {
                log.warn("camera {}: down: {}", camera.id(), redacted);
            } else {
                log.info("camera {}: {}{}", camera.id(), newState, redacted == null ? "" : " (" + redacted + ")");
            }
        }
        state = newState;
        reason = redacted;
        meters.state(newState);
        status.report(camera.id(), newState, redacted, meters);
    }
}
