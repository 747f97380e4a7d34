package io.facestream.sink.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.KafkaSettings;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.Alert;
import io.facestream.sink.ApiJson;
import io.facestream.sink.Backoff;
import io.facestream.sink.PauseWhileRetrying;
import io.facestream.sink.StorageUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the {@code alerts} topic: each alert is stored in the database (retried while it is down), then POSTed to
 * the webhook and published to MQTT where configured, and the offsets are committed after that. Delivery is at least
 * once: after a crash an alert may come again, with the same {@code alertId}, by which receivers recognise it. A
 * webhook or MQTT broker that keeps failing costs each alert a bounded wait; the alert is then counted as failed on
 * that channel, logged, and stays in the database. While the database is down the partitions are paused but kept: the
 * consumer goes on polling, so an outage of any length neither drops it from its group nor stops delivery.
 */
public final class AlertDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);
    private static final int MAX_POLL_RECORDS = 5;
    private static final Duration FIRST_STORE_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_STORE_BACKOFF = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = ApiJson.mapper();

    private final KafkaConsumer<String, Alert> consumer;
    private final JdbcAlertStore store;
    private final WebhookSender webhook;
    private final MqttPublisher mqtt;
    private final AlertMetrics metrics;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private final PauseWhileRetrying pause;
    private volatile Throwable failure;

    private AlertDispatcher(KafkaConsumer<String, Alert> consumer, JdbcAlertStore store, WebhookSender webhook,
                            MqttPublisher mqtt, AlertMetrics metrics) {
        this.consumer = consumer;
        this.store = store;
        this.webhook = webhook;
        this.mqtt = mqtt;
        this.metrics = metrics;
        this.pause = new PauseWhileRetrying(consumer);
        this.thread = new Thread(this::run, "alert-dispatcher");
    }

    /**
     * Starts delivering in a thread of its own.
     *
     * @param groupId the consumer group: sink instances with the same one share the alerts, each delivered by one
     */
    public static AlertDispatcher start(KafkaSettings kafka, String groupId, JdbcAlertStore store,
                                        AlertSettings settings, AlertMetrics metrics) {
        return start(kafka, groupId, store, settings, metrics, maxPollInterval(settings));
    }

    static AlertDispatcher start(KafkaSettings kafka, String groupId, JdbcAlertStore store, AlertSettings settings,
                                 AlertMetrics metrics, Duration maxPollInterval) {
        Map<String, Object> config = kafka.consumerConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) maxPollInterval.toMillis());
        KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new AvroSerde<>(Alert.class).deserializer());
        WebhookSender webhook = settings.webhookUrl().map(url -> new WebhookSender(url, settings.webhookSecret(),
                settings.webhookAttempts(), settings.webhookBackoff(), settings.webhookTimeout())).orElse(null);
        MqttPublisher mqtt = settings.mqttUrl().map(url -> new MqttPublisher(url, settings.mqttUser(),
                settings.mqttPassword(), groupId + "-" + UUID.randomUUID(), settings.mqttTopicPrefix())).orElse(null);
        AlertDispatcher dispatcher = new AlertDispatcher(consumer, store, webhook, mqtt, metrics);
        consumer.subscribe(List.of(Topics.ALERTS), dispatcher.pause);
        dispatcher.thread.start();
        LOG.info("delivering alerts from {} (group {}): database{}{}", Topics.ALERTS, groupId,
                webhook == null ? "" : ", webhook", mqtt == null ? "" : ", MQTT");
        return dispatcher;
    }

    /** Room for a poll's alerts each waiting out every webhook attempt and an MQTT timeout, so the group keeps us. */
    private static Duration maxPollInterval(AlertSettings settings) {
        Duration webhookWorstCase = settings.webhookTimeout().multipliedBy(settings.webhookAttempts())
                .plus(settings.webhookBackoff().multipliedBy(1L << Math.min(settings.webhookAttempts(), 10)));
        Duration perAlert = webhookWorstCase.plusSeconds(25);
        Duration needed = perAlert.multipliedBy(MAX_POLL_RECORDS).plusMinutes(1);
        return needed.compareTo(Duration.ofMinutes(5)) > 0 ? needed : Duration.ofMinutes(5);
    }

    private void run() {
        try {
            while (running.get()) {
                ConsumerRecords<String, Alert> records;
                try {
                    records = consumer.poll(Duration.ofMillis(500));
                } catch (RecordDeserializationException e) {
                    // Not an alert (a foreign producer?): nothing to deliver; skip it rather than stop delivering.
                    LOG.error("{}: record at {} offset {} is not an alert, skipped: {}", Topics.ALERTS,
                            e.topicPartition(), e.offset(), e.getMessage());
                    metrics.delivered("store", false);
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                    continue;
                }
                for (ConsumerRecord<String, Alert> record : records) {
                    // A partition lost in a rebalance while the database was down: its new owner delivers the rest.
                    if (owned(record) && !deliver(record)) {
                        return;
                    }
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("alert delivery stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Why delivery stopped; null while it runs. */
    public Throwable failure() {
        return failure;
    }

    private boolean owned(ConsumerRecord<String, Alert> record) {
        return consumer.assignment().contains(new TopicPartition(record.topic(), record.partition()));
    }

    /** Stores, publishes and commits one alert; false when the dispatcher closed while the database was down. */
    private boolean deliver(ConsumerRecord<String, Alert> record) {
        Alert alert = record.value();
        if (alert != null) {
            if (!storeUntilDone(alert)) {
                return false;
            }
            if (!owned(record)) {
                return true; // moved while the database was down: its new owner delivers it
            }
            publish(alert);
        }
        // One commit per alert: alerts are rare, and a restart then repeats at most the one in flight.
        consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                new OffsetAndMetadata(record.offset() + 1)));
        return true;
    }

    /** Sends a stored alert to the webhook and MQTT, where configured. */
    private void publish(Alert alert) {
        byte[] json = json(alert);
        if (webhook != null) {
            metrics.delivered("webhook", webhook.send(alert.getAlertId(), json));
        }
        if (mqtt != null) {
            metrics.delivered("mqtt", mqtt.publish(alert.getAlertId(), alert.getCameraId(), json));
        }
    }

    /**
     * The database is the alert's record of last resort: retried until it is written or the dispatcher closes; false
     * when it closed first.
     */
    private boolean storeUntilDone(Alert alert) {
        Backoff backoff = new Backoff(FIRST_STORE_BACKOFF, MAX_STORE_BACKOFF);
        while (true) {
            try {
                store.store(alert);
                metrics.delivered("store", true);
                pause.end();
                return true;
            } catch (StorageUnavailableException e) {
                metrics.delivered("store", false);
                Duration wait = backoff.next();
                LOG.warn("{} (retrying in {} ms; the offset is not committed meanwhile)", e.getMessage(),
                        wait.toMillis());
                if (!pause.waitOut(wait, () -> !running.get())) {
                    return false;
                }
            }
        }
    }

    /** The alert as the webhook and MQTT get it: {@link StoredAlert} as JSON, UTF-8. */
    static byte[] json(Alert alert) {
        try {
            return JSON.writeValueAsBytes(StoredAlert.of(alert));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert is always JSON", e);
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
            if (thread.isAlive()) {
                // Waiting out a webhook's backoff: the alert is not committed and comes again after a restart.
                thread.interrupt();
                thread.join(Duration.ofSeconds(10).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (mqtt != null) {
            mqtt.close();
        }
    }
}
