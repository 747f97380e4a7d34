package io.facestream.worker;

import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.KafkaSettings;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.DetectionSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every camera's own detection settings, read on a thread of its own from all partitions of the compacted
 * {@code cameras} topic, from its beginning and then as they change: a worker applies a camera's new settings from
 * the camera's next frame. Shared by the workers of a process.
 */
final class CameraSettingsFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CameraSettingsFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** Waited between looks for the cameras topic before it exists. */
    private static final Duration TOPIC_RETRY = Duration.ofSeconds(2);

    private final Consumer<String, byte[]> consumer;
    private final Deserializer<CameraConfig> configs = new AvroSerde<>(CameraConfig.class).deserializer();
    private final Map<String, DetectionSettings> settings = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    /** Open once the topic was read up to where it ended when reading began (or found not to exist yet). */
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;

    private CameraSettingsFeed(Consumer<String, byte[]> consumer, String name) {
        this.consumer = consumer;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** Starts reading the cameras topic of the cluster {@code kafka} describes. */
    static CameraSettingsFeed start(KafkaSettings kafka, String workerId) {
        Map<String, Object> config = new HashMap<>(kafka.consumerConfig());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "camera-settings-" + workerId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Created by the pipeline's setup, compacted: a look before then must not create it with the broker's defaults.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        CameraSettingsFeed feed = new CameraSettingsFeed(
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
                "camera-settings-" + workerId);
        feed.thread.start();
        return feed;
    }

    /**
     * Waits until the settings that were on the topic when reading began have been read, at most {@code timeout}, so
     * that the first frames get them; false if they were not.
     */
    boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The camera's own settings as last read; null when it has none (or is unknown so far). */
    DetectionSettings of(String camera) {
        return settings.get(camera);
    }

    private void run() {
        try {
            List<TopicPartition> partitions = assignAllPartitions();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (running.get()) {
                consumer.poll(POLL).forEach(this::apply);
                if (caughtUp.getCount() > 0 && ends.entrySet().stream()
                        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("camera settings: reading the {} topic stopped; cameras keep the settings read so far",
                    Topics.CAMERAS, e);
        } finally {
            consumer.close();
        }
    }

    private List<TopicPartition> assignAllPartitions() throws InterruptedException {
        List<TopicPartition> all = List.of();
        while (running.get() && all.isEmpty()) {
            try {
                all = consumer.partitionsFor(Topics.CAMERAS).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            } catch (TimeoutException e) {
                log.warn("camera settings: the {} topic cannot be looked up yet: {}", Topics.CAMERAS, e.getMessage());
            }
            if (all.isEmpty()) {
                caughtUp.countDown(); // no settings to wait for
                Thread.sleep(TOPIC_RETRY.toMillis());
            }
        }
        consumer.assign(all);
        consumer.seekToBeginning(all);
        return all;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            settings.remove(record.key());
            return;
        }
        try {
            DetectionSettings detection = configs.deserialize(record.topic(), record.value()).getDetection();
            if (detection == null) {
                settings.remove(record.key());
            } else {
                settings.put(record.key(), detection);
            }
        } catch (SerializationException e) {
            log.warn("camera settings: the config of camera {} at {}-{}@{} is unreadable, its last settings are kept: {}",
                    record.key(), record.topic(), record.partition(), record.offset(), e.getMessage());
        }
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
}
