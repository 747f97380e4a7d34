package io.facestream.ingest;

import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.CameraState;
import io.facestream.schemas.avro.CameraStatus;
import io.facestream.schemas.avro.Frame;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingest instance: publishes its configured cameras to the {@code cameras} topic, joins the
 * ingest consumer group, and runs the cameras of its partitions until {@link #close()}.
 *
 * <pre>{@code
 * IngestService ingest = new IngestService(IngestConfig.forCluster("127.0.0.1:9092"),
 *         List.of(Camera.of("door", "rtsp://user:pw@10.0.0.5/stream")), new SimpleMeterRegistry());
 * Thread thread = new Thread(ingest::run);  // run() blocks
 * thread.start();
 * ...
 * ingest.close();                           // stops cameras, flushes, leaves the group
 * }</pre>
 */
public final class IngestService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long the cameras' frames partitions are read before cameras start. */
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final IngestConfig config;
    private final List<Camera> cameras;
    private final MeterRegistry registry;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile boolean started;
    private volatile KafkaConsumer<String, CameraConfig> consumer;
    private volatile RunningCameras running;

    /** An instance that publishes the cameras of its config's camera file and {@code cameras}. */
    public IngestService(IngestConfig config, List<Camera> cameras, MeterRegistry registry) {
        this.config = config;
        this.cameras = List.copyOf(cameras);
        this.registry = registry;
    }

    /** The cameras the configuration file lists, followed by the given ones; a bad file fails here. */
    List<Camera> camerasToPublish() {
        List<Camera> all = new ArrayList<>();
        config.camerasFile().ifPresent(file -> all.addAll(CameraFile.read(file)));
        all.addAll(cameras);
        return all;
    }

    /** Runs until {@link #close()} is called from another thread. */
    public void run() {
        started = true;
        IngestClients clients = new IngestClients(config);
        try (KafkaProducer<String, Frame> frames = clients.frameProducer();
             KafkaProducer<String, CameraStatus> statuses = clients.statusProducer()) {
            publishCameras(clients);
            running = new RunningCameras(config, frames, new StatusReporter(statuses, config.instanceId()), registry);
            runAssignment(clients, new FramePartitions(framesPartitionCount(frames)));
            frames.flush();
            statuses.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            log.info("ingest {} stopped", config.instanceId());
            finished.countDown();
        }
    }

    private void publishCameras(IngestClients clients) throws InterruptedException {
        List<Camera> toPublish = camerasToPublish();
        if (toPublish.isEmpty()) {
            return;
        }
        try (KafkaProducer<String, CameraConfig> producer = clients.cameraProducer()) {
            new CameraPublisher(producer).publish(toPublish);
        }
        log.info("published {} camera(s) to {}", toPublish.size(), Topics.CAMERAS);
    }

    private static int framesPartitionCount(KafkaProducer<String, Frame> frames) {
        try {
            return frames.partitionsFor(Topics.FRAMES).size();
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot read the partitions of topic " + Topics.FRAMES
                    + " (are the topics created? face-stream topics): " + e.getMessage(), e);
        }
    }

    private void runAssignment(IngestClients clients, FramePartitions framePartitions) throws InterruptedException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
                runnable -> new Thread(runnable, "ingest-status-" + config.instanceId()));
        try (KafkaConsumer<String, CameraConfig> cameraConsumer = clients.cameraConsumer();
             KafkaConsumer<String, byte[]> partitionConsumer = clients.framePartitionConsumer();
             KafkaProducer<String, CameraConfig> stamps = clients.cameraProducer()) {
            consumer = cameraConsumer;
            FramePartitionFeed feed = new FramePartitionFeed(partitionConsumer, framePartitions);
            feed.catchUp(CATCH_UP);
            CameraAssignment assignment = new CameraAssignment(cameraConsumer, running, stamps, framePartitions);
            cameraConsumer.subscribe(List.of(Topics.CAMERAS), assignment);
            long interval = config.statusInterval().toMillis();
            ticker.scheduleAtFixedRate(running::reportAll, interval, interval, TimeUnit.MILLISECONDS);
            log.info("ingest {} running in group {}", config.instanceId(), config.groupId());
            pollUntilClosed(feed, assignment);
            ticker.shutdownNow();
            running.stopAll("ingest instance stopping");
        } finally {
            ticker.shutdownNow();
            consumer = null;
        }
    }

    private void pollUntilClosed(FramePartitionFeed feed, CameraAssignment assignment) throws InterruptedException {
        while (!closing) {
            try {
                feed.pollOnce(Duration.ZERO);
                assignment.pollOnce(POLL);
            } catch (WakeupException e) {
                // close() woke the poll: the loop condition ends it.
            }
        }
    }

    /** Whether {@link #run()} has started and not ended: the instance is in its group, or joining it. */
    public boolean isRunning() {
        return started && !closing && finished.getCount() > 0;
    }

    /** The ids of the cameras this instance runs now. */
    public Set<String> runningCameraIds() {
        RunningCameras current = running;
        return current == null ? Set.of() : current.ids();
    }

    /** The state of each camera this instance runs now. */
    public Map<String, CameraState> cameraStates() {
        RunningCameras current = running;
        return current == null ? Map.of() : current.states();
    }

    /** Stops the cameras, flushes the producers and leaves the group; waits for {@link #run()} to end. */
    @Override
    public void close() {
        closing = true;
        KafkaConsumer<String, CameraConfig> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (!started) {
            return;
        }
        try {
            if (!finished.await(60, TimeUnit.SECONDS)) {
                log.warn("ingest {}: still stopping after 60 s", config.instanceId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
