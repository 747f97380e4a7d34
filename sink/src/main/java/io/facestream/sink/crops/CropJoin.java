package io.facestream.sink.crops;

import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.DetectionStatus;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.Frame;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins face events with their frames (same camera and sequence) and crops every face. {@code frames} and
 * {@code faces} are co-partitioned by camera, so one task sees both of a camera; a frame normally arrives a few
 * hundred ms before its event, the other order is handled too.
 *
 * <p>Waiting frames and events live in the processor, not in a changelogged state store: logging the frames would copy
 * every JPEG through Kafka a second time for the sake of crops. So when a task moves to another instance or fails,
 * the frames and events waiting at that moment get no crops (the events themselves are stored as always); a
 * redelivered event makes the same files again, which the crop store skips.
 */
public final class CropJoin implements Processor<String, Object, Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(CropJoin.class);
    public static final String FRAMES_SOURCE = "frames";
    public static final String NAME = "crop-faces";
    /** How long a frame waits for its event and an event with faces for its frame. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(30);
    /** The JPEG bytes one task may hold while frames wait for their events; the oldest frames go beyond it. */
    public static final long DEFAULT_MAX_BUFFER_BYTES = 64L << 20;
    /** Events with faces waiting for their frame, per task. */
    static final int MAX_PENDING_EVENTS = 10_000;
    static final Duration EXPIRY_INTERVAL = Duration.ofSeconds(1);

    private final FaceCrops crops;
    private final Duration window;
    private final long maxBufferBytes;
    private final Counter facesCropped;
    private final Counter framesExpired;
    private final Counter framesDropped;
    private final Counter eventsExpired;
    private final Counter failures;
    private ProcessorContext<Void, Void> context;
    private ArrivalWindow<Frame> frames;
    private ArrivalWindow<FaceDetections> pendingEvents;

    CropJoin(FaceCrops crops, MeterRegistry meters, Duration window, long maxBufferBytes) {
        this.crops = crops;
        this.window = window;
        this.maxBufferBytes = maxBufferBytes;
        this.facesCropped = Counter.builder("sink.crops.faces").description("faces cropped (aligned and context)")
                .register(meters);
        this.framesExpired = Counter.builder("sink.crops.frames.expired")
                .description("frames that waited the whole window without their event").register(meters);
        this.framesDropped = Counter.builder("sink.crops.frames.dropped")
                .description("frames dropped before their event came, to keep the buffer under its size").register(meters);
        this.eventsExpired = Counter.builder("sink.crops.events.expired")
                .description("events with faces that waited the whole window without their frame").register(meters);
        this.failures = Counter.builder("sink.crops.failures")
                .description("events whose crops could not be made (frame not decodable, disk not writable)")
                .register(meters);
    }

    /**
     * Adds a {@code frames} source and the join to {@code topology}, fed by {@code facesSource} (the node reading the
     * {@code faces} topic) too.
     */
    public static void addTo(Topology topology, String facesSource, FaceCrops crops, MeterRegistry meters,
                             Duration window, long maxBufferBytes) {
        AvroSerde<Frame> frameSerde = new AvroSerde<>(Frame.class);
        // A frame that does not read is skipped here: the detector workers already send it to frames.dlq.
        Deserializer<Frame> lenient = (topic, data) -> {
            try {
                return frameSerde.deserializer().deserialize(topic, data);
            } catch (RuntimeException e) {
                return null;
            }
        };
        topology.addSource(FRAMES_SOURCE, Serdes.String().deserializer(), lenient, Topics.FRAMES);
        topology.addProcessor(NAME, () -> new CropJoin(crops, meters, window, maxBufferBytes), facesSource,
                FRAMES_SOURCE);
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        frames = new ArrivalWindow<>(window, maxBufferBytes, frame -> frame.getData().remaining());
        pendingEvents = new ArrivalWindow<>(window, MAX_PENDING_EVENTS, event -> 1);
        context.schedule(EXPIRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.value() instanceof Frame frame) {
            onFrame(frame);
        } else if (record.value() instanceof FaceDetections event) {
            onEvent(event);
        }
    }

    private void onFrame(Frame frame) {
        FrameKey key = new FrameKey(frame.getCameraId(), frame.getSequence());
        Optional<FaceDetections> event = pendingEvents.remove(key);
        if (event.isPresent()) {
            crop(frame, event.get());
            return;
        }
        framesDropped.increment(frames.put(key, frame, context.currentSystemTimeMs()).size());
    }

    private void onEvent(FaceDetections event) {
        FrameKey key = new FrameKey(event.getCameraId(), event.getSequence());
        boolean hasFaces = event.getStatus() == DetectionStatus.OK && !event.getFaces().isEmpty();
        Optional<Frame> frame = frames.remove(key);
        if (!hasFaces) {
            return;
        }
        if (frame.isPresent()) {
            crop(frame.get(), event);
        } else {
            eventsExpired.increment(pendingEvents.put(key, event, context.currentSystemTimeMs()).size());
        }
    }

    private void crop(Frame frame, FaceDetections event) {
        try {
            facesCropped.increment(crops.crop(frame, event));
        } catch (Exception e) {
            // Crops must never hold up the events: the failure is logged and counted, the stream goes on.
            failures.increment();
            LOG.warn("no crops for {} #{}: {}", event.getCameraId(), event.getSequence(), e.toString());
        }
    }

    private void expire(long now) {
        framesExpired.increment(frames.expire(now).size());
        eventsExpired.increment(pendingEvents.expire(now).size());
    }
}
