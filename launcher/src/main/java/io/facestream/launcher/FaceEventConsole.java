package io.facestream.launcher;

import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.KafkaSettings;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.DetectedFace;
import io.facestream.schemas.avro.FaceDetections;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The local run's view of the face events: a line whenever the faces a camera sees change, and every
 * five seconds a status line per camera (frames/s, faces, capture-to-event latency).
 */
final class FaceEventConsole implements AutoCloseable {
    private static final Duration STATUS_EVERY = Duration.ofSeconds(5);

    private final KafkaConsumer<String, FaceDetections> consumer;
    private final PrintWriter out;
    private final Map<String, CameraTally> cameras = new TreeMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    private FaceEventConsole(KafkaConsumer<String, FaceDetections> consumer, PrintWriter out) {
        this.consumer = consumer;
        this.out = out;
        this.thread = new Thread(this::run, "face-event-console");
    }

    static FaceEventConsole start(KafkaSettings kafka, PrintWriter out) {
        Map<String, Object> config = new HashMap<>(kafka.consumerConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "face-stream-console-" + UUID.randomUUID());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        KafkaConsumer<String, FaceDetections> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new AvroSerde<>(FaceDetections.class).deserializer());
        FaceEventConsole console = new FaceEventConsole(consumer, out);
        console.thread.start();
        return console;
    }

    private void run() {
        consumer.subscribe(List.of(Topics.FACES));
        long nextStatus = System.nanoTime() + STATUS_EVERY.toNanos();
        try {
            while (running.get()) {
                for (ConsumerRecord<String, FaceDetections> record : consumer.poll(Duration.ofMillis(200))) {
                    show(record.value());
                }
                if (System.nanoTime() >= nextStatus) {
                    printStatus();
                    nextStatus = System.nanoTime() + STATUS_EVERY.toNanos();
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void show(FaceDetections event) {
        CameraTally tally = cameras.computeIfAbsent(event.getCameraId(), id -> new CameraTally());
        int faces = event.getFaces().size();
        tally.count(event);
        if (faces != tally.lastFaces) {
            List<String> scores = new ArrayList<>();
            for (DetectedFace face : event.getFaces()) {
                scores.add(String.format(Locale.ROOT, "%.2f", face.getScore()));
            }
            out.printf(Locale.ROOT, "%s #%d: %d face%s%s%n", event.getCameraId(), event.getSequence(), faces,
                    faces == 1 ? "" : "s", faces == 0 ? "" : " " + scores);
            out.flush();
            tally.lastFaces = faces;
        }
    }

    private void printStatus() {
        cameras.forEach((id, tally) -> {
            out.printf(Locale.ROOT, "[status] %s: %.1f frames/s, %d frames, %d with faces, latency %d ms%n", id,
                    tally.framesPerSecond(), tally.frames, tally.framesWithFaces, tally.lastLatencyMs);
            tally.resetWindow();
        });
        out.flush();
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts for one camera's status line. */
    private static final class CameraTally {
        long frames;
        long framesWithFaces;
        long lastLatencyMs;
        int lastFaces = -1;
        long windowFrames;
        long windowStart = System.nanoTime();

        void count(FaceDetections event) {
            frames++;
            windowFrames++;
            framesWithFaces += event.getFaces().isEmpty() ? 0 : 1;
            lastLatencyMs = event.getDetectTime().toEpochMilli() - event.getCaptureTime().toEpochMilli();
        }

        double framesPerSecond() {
            return windowFrames / ((System.nanoTime() - windowStart) / 1e9);
        }

        void resetWindow() {
            windowFrames = 0;
            windowStart = System.nanoTime();
        }
    }
}
