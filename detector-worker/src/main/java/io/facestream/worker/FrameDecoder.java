package io.facestream.worker;

import io.facestream.cascade.ImageTooLargeException;
import io.facestream.cascade.RgbImage;
import io.facestream.schemas.avro.Frame;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/** Turns consumed records into decoded frames, in parallel, sorting out stale and broken ones. */
final class FrameDecoder implements AutoCloseable {
    private final Deserializer<Frame> frames;
    private final Duration maxFrameAge;
    private final int maxPixels;
    private final Clock clock;
    private final ExecutorService pool;

    FrameDecoder(Deserializer<Frame> frames, Duration maxFrameAge, int maxPixels, int threads, Clock clock) {
        this.frames = frames;
        this.maxFrameAge = maxFrameAge;
        this.maxPixels = maxPixels;
        this.clock = clock;
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "jpeg-decode-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One outcome per record, in the records' order. */
    List<FrameOutcome> decodeAll(List<ConsumerRecord<String, byte[]>> records) {
        List<Callable<FrameOutcome>> tasks = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            tasks.add(() -> decode(record));
        }
        List<FrameOutcome> outcomes = new ArrayList<>(records.size());
        try {
            for (Future<FrameOutcome> future : pool.invokeAll(tasks)) {
                outcomes.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding frames", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("frame decoding failed unexpectedly", e.getCause());
        }
        return outcomes;
    }

    FrameOutcome decode(ConsumerRecord<String, byte[]> record) {
        Frame frame;
        try {
            frame = frames.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            return new FrameOutcome.NotAFrame(record, "not a Frame record: " + e.getMessage());
        }
        if (frame == null) {
            return new FrameOutcome.NotAFrame(record, "empty record (no value)");
        }
        if (isStale(frame)) {
            return new FrameOutcome.Stale(record, frame);
        }
        String source = "camera " + frame.getCameraId() + " frame " + frame.getSequence();
        try {
            RgbImage image = RgbImage.decode(new ByteArrayInputStream(bytes(frame.getData())), source, maxPixels);
            return new FrameOutcome.Decoded(record, frame, image);
        } catch (ImageTooLargeException e) {
            return new FrameOutcome.UndecodableImage(record, frame, e.getMessage() + " (WORKER_MAX_FRAME_PIXELS)");
        } catch (IOException | RuntimeException e) {
            return new FrameOutcome.UndecodableImage(record, frame, e.getMessage());
        }
    }

    private boolean isStale(Frame frame) {
        return !maxFrameAge.isZero()
                && frame.getCaptureTime().isBefore(clock.instant().minus(maxFrameAge));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
