package io.facestream.sink.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facestream.broker.EmbeddedKafkaBroker;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.KafkaSettings;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.Alert;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery from a real broker's alerts topic: database, webhook, MQTT; offsets committed after delivery. */
class AlertDispatcherTest {
    @TempDir
    static Path dataDir;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), 0);
        broker.createTopics(Topics.specs());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aFailingWebhookNeitherBlocksStorageAndMqttNorLosesTheAlert() throws Exception {
        String prefix = "face-stream-test/" + UUID.randomUUID() + "/alerts";
        List<MqttPublisherTest.Received> mqttReceived = new CopyOnWriteArrayList<>();
        MqttClient subscriber = MqttPublisherTest.subscribe(prefix, mqttReceived);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        String group = "dispatch-test-" + UUID.randomUUID();
        Alert door = TestAlerts.facePresent("door", null, 7, 1);
        Alert hall = TestAlerts.cameraDown("hall", 2, "connection refused");
        try (WebhookReceiver webhook = new WebhookReceiver(Integer.MAX_VALUE, 503);
             JdbcAlertStore store = JdbcAlertStore.open("jdbc:h2:file:" + dataDir.resolve("db/events")
                     + ";DB_CLOSE_DELAY=-1", "", "")) {
            AlertSettings settings = AlertSettings.fromEnvironment(Map.of("SINK_WEBHOOK_URL", webhook.url().toString(),
                    "SINK_WEBHOOK_SECRET", "s", "SINK_WEBHOOK_MAX_ATTEMPTS", "2", "SINK_WEBHOOK_BACKOFF_MS", "10",
                    "SINK_MQTT_URL", MqttPublisherTest.BROKER, "SINK_MQTT_TOPIC_PREFIX", prefix));
            send(List.of(door), true);
            send(List.of(TestAlerts.facePresent("aborted", null, 1, 1)), false);
            send(List.of(hall), true);

            try (AlertDispatcher dispatcher = AlertDispatcher.start(KafkaSettings.of(broker.bootstrapServers()), group,
                    store, settings, new AlertMetrics(meters))) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(mqttReceived).extracting(MqttPublisherTest.Received::topic)
                            .containsExactlyInAnyOrder(prefix + "/door", prefix + "/hall");
                    assertThat(meters.counter(AlertMetrics.DELIVERIES, "channel", "webhook", "outcome", "failed").count())
                            .isEqualTo(2);
                });
            }
            assertThat(webhook.requests).as("2 attempts per alert").hasSize(4);
            assertThat(store.find(new AlertQuery(Optional.empty(), Optional.empty(),
                    Optional.empty(), 100, 0))).extracting(StoredAlert::alertId)
                    .containsExactlyInAnyOrder(door.getAlertId(), hall.getAlertId());
            assertThat(meters.counter(AlertMetrics.DELIVERIES, "channel", "store", "outcome", "ok").count()).isEqualTo(2);
            assertThat(meters.counter(AlertMetrics.DELIVERIES, "channel", "mqtt", "outcome", "ok").count()).isEqualTo(2);

            // The offsets were committed: the same group starting again delivers nothing twice.
            try (AlertDispatcher again = AlertDispatcher.start(KafkaSettings.of(broker.bootstrapServers()), group,
                    store, settings, new AlertMetrics(meters))) {
                send(List.of(TestAlerts.cameraDown("hall", 9, "stalled")), true);
                await().atMost(Duration.ofSeconds(30)).until(() -> webhook.requests.size() == 6);
                Thread.sleep(1000);
            }
            assertThat(webhook.requests).hasSize(6);
            assertThat(mqttReceived).hasSize(3);
        } finally {
            subscriber.disconnect();
            subscriber.close();
        }
    }

    @Test
    void aDatabaseOutageLongerThanTheMaxPollIntervalNeitherStopsDeliveryNorLosesAnAlert() throws Exception {
        Path baseDir = dataDir.resolve("outage");
        Server database = h2Server(0, baseDir);
        int port = database.getPort();
        Duration maxPollInterval = Duration.ofSeconds(3);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Alert duringOutage = TestAlerts.facePresent("door", null, 3, 1);
        Alert afterOutage = TestAlerts.cameraDown("door", 4, "stalled");
        try (JdbcAlertStore store = JdbcAlertStore.open("jdbc:h2:tcp://localhost:" + port + "/alerts", "", "");
             AlertDispatcher dispatcher = AlertDispatcher.start(KafkaSettings.of(broker.bootstrapServers()),
                     "outage-test-" + UUID.randomUUID(), store, AlertSettings.fromEnvironment(Map.of()),
                     new AlertMetrics(meters), maxPollInterval)) {
            database.stop();
            send(List.of(duringOutage), true);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    meters.counter(AlertMetrics.DELIVERIES, "channel", "store", "outcome", "failed").count() > 0);
            // Long enough for a consumer that is not polled to be dropped from its group.
            Thread.sleep(maxPollInterval.multipliedBy(3).toMillis());
            database = h2Server(port, baseDir);

            send(List.of(afterOutage), true);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(store.find(new AlertQuery(
                    Optional.empty(), Optional.empty(), Optional.empty(), 100, 0))).extracting(StoredAlert::alertId)
                    .contains(duringOutage.getAlertId(), afterOutage.getAlertId()));
            assertThat(dispatcher.failure()).isNull();
        } finally {
            database.stop();
        }
    }

    /** A database server, so that the test can take it away and bring it back as a real outage does. */
    private static Server h2Server(int port, Path baseDir) throws SQLException {
        return Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", baseDir.toString(),
                "-ifNotExists").start();
    }

    private static void send(List<Alert> alerts, boolean commit) {
        try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-sink-" + UUID.randomUUID()),
                new StringSerializer(), new AvroSerde<>(Alert.class).serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (Alert alert : alerts) {
                producer.send(new ProducerRecord<>(Topics.ALERTS, alert.getCameraId(), alert));
            }
            producer.flush();
            if (commit) {
                producer.commitTransaction();
            } else {
                producer.abortTransaction();
            }
        }
    }
}
