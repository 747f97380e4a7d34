package io.facestream.ingest;

import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.Frame;
import io.facestream.schemas.avro.FrameEncoding;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Moves one camera's frames from its {@link FreshestFrameQueue} to its partition of the {@code frames} topic,
 * numbering them as they go. At most a few frames are unacknowledged at once, so a slow Kafka backs up into the
 * queue, where the oldest frames are dropped, instead of into the producer's buffer.
 */
final class FrameSender implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(FrameSender.class);

    private final String cameraId;
    private final int partition;
    private final FreshestFrameQueue<EncodedFrame> queue;
    private final Producer<String, Frame> producer;
    private final Semaphore inFlight;
    private final CameraMeters meters;
    private long nextSequence;
    private volatile boolean running = true;

    /**
     * @param partition the camera's partition of {@code frames} (see {@link FramePartitions})
     * @param firstSequence the number of the first frame; {@link #firstSequenceAt} gives one above every number an
     *        earlier run of the camera can have used
     */
    FrameSender(String cameraId, int partition, FreshestFrameQueue<EncodedFrame> queue,
                Producer<String, Frame> producer, int maxInFlight, CameraMeters meters, long firstSequence) {
        this.cameraId = cameraId;
        this.partition = partition;
        this.nextSequence = firstSequence;
        this.queue = queue;
        this.producer = producer;
        this.inFlight = new Semaphore(maxInFlight);
        this.meters = meters;
    }

    /**
     * A run's first sequence number: its start time in epoch milliseconds. A camera sends less than a frame per
     * millisecond, so an earlier run (before an ingest restart, or on another ingest instance) ended below it and
     * (camera, sequence) names one frame for good, which the sink's idempotent store relies on.
     */
    static long firstSequenceAt(Instant start) {
        return start.toEpochMilli();
    }

    /** Sends what is queued, then ends. */
    void stop() {
        running = false;
    }

    @Override
    public void run() {
        try {
            while (running || queue.size() > 0) {
                EncodedFrame frame = queue.poll(100, TimeUnit.MILLISECONDS);
                if (frame != null) {
                    send(frame);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(EncodedFrame frame) throws InterruptedException {
        inFlight.acquire();
        Frame record = Frame.newBuilder()
                .setCameraId(cameraId)
                .setSequence(nextSequence++)
                .setCaptureTime(frame.captureTime())
                .setIngestTime(Instant.now())
                .setWidth(frame.width())
                .setHeight(frame.height())
                .setEncoding(FrameEncoding.JPEG)
                .setData(ByteBuffer.wrap(frame.jpeg()))
                .build();
        try {
            producer.send(new ProducerRecord<>(Topics.FRAMES, partition, cameraId, record), (metadata, error) -> {
                inFlight.release();
                if (error == null) {
                    meters.sent();
                } else {
                    meters.dropped();
                    // Runs on the producer's thread: the camera and the frame go into the log line's MDC here.
                    try (MDC.MDCCloseable camera = MDC.putCloseable("camera", cameraId);
                         MDC.MDCCloseable sequence = MDC.putCloseable("sequence", Long.toString(record.getSequence()))) {
                        log.warn("camera {}: frame {} not delivered: {}", cameraId, record.getSequence(),
                                error.toString());
                    }
                }
            });
        } catch (RuntimeException e) {
            inFlight.release();
            meters.dropped();
            try (MDC.MDCCloseable sequence = MDC.putCloseable("sequence", Long.toString(record.getSequence()))) {
                log.warn("camera {}: frame {} not sent: {}", cameraId, record.getSequence(), e.toString());
            }
        }
    }
}
