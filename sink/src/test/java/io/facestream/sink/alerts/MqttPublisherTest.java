package io.facestream.sink.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.schemas.avro.Alert;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * Against a real MQTT broker: Mosquitto on {@code 127.0.0.1:1883}, or {@code SINK_TEST_MQTT_URL}. Each run publishes
 * under a topic prefix of its own. Skipped (and says so) when no broker answers.
 */
class MqttPublisherTest {
    static final String BROKER = System.getenv().getOrDefault("SINK_TEST_MQTT_URL", "tcp://127.0.0.1:1883");

    private final String prefix = "face-stream-test/" + UUID.randomUUID() + "/alerts";
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private MqttClient subscriber;

    record Received(String topic, String payload, int qos) {
    }

    /** A subscriber to everything under {@code prefix}, or the test is skipped when no broker answers. */
    static MqttClient subscribe(String prefix, List<Received> received) {
        String reason = null;
        MqttClient client = null;
        try {
            client = new MqttClient(BROKER, "test-subscriber-" + UUID.randomUUID(), new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setConnectionTimeout(3);
            client.connect(options);
            client.subscribe(prefix + "/#", 1, (topic, message) ->
                    received.add(new Received(topic, new String(message.getPayload()), message.getQos())));
        } catch (MqttException e) {
            reason = e.getMessage();
        }
        if (reason != null) {
            System.out.println("MQTT tests DID NOT RUN: no MQTT broker at " + BROKER + " (" + reason + ")");
        }
        assumeTrue(reason == null, "no MQTT broker at " + BROKER + " (" + reason + ")");
        return client;
    }

    @BeforeEach
    void subscribe() {
        subscriber = subscribe(prefix, received);
    }

    @AfterEach
    void disconnect() throws MqttException {
        if (subscriber != null) {
            subscriber.disconnect();
            subscriber.close();
        }
    }

    @Test
    void anAlertIsPublishedAtQos1ToItsCamerasTopic() throws Exception {
        Alert door = TestAlerts.personPresent("door", null, "1772352000123-0", 7, 1);
        Alert hall = TestAlerts.cameraDown("hall", 2, "connection refused");
        try (MqttPublisher publisher = new MqttPublisher(BROKER, "", "", "test-" + UUID.randomUUID(), prefix)) {
            assertThat(publisher.publish(door.getAlertId(), "door", AlertDispatcher.json(door))).isTrue();
            assertThat(publisher.publish(hall.getAlertId(), "hall", AlertDispatcher.json(hall))).isTrue();
        }

        await().atMost(10, TimeUnit.SECONDS).until(() -> received.size() == 2);
        assertThat(received).extracting(Received::topic).containsExactlyInAnyOrder(prefix + "/door", prefix + "/hall");
        assertThat(received).extracting(Received::qos).containsOnly(1);
        Received first = received.stream().filter(message -> message.topic().endsWith("/door")).findFirst().orElseThrow();
        JsonNode payload = new ObjectMapper().readTree(first.payload());
        assertThat(payload.get("alertId").asText()).isEqualTo(door.getAlertId());
        assertThat(payload.get("trackId").asText()).isEqualTo("1772352000123-0");
        assertThat(payload.get("person").asText()).isEqualTo("Ada");
    }

    @Test
    void anUnreachableBrokerIsAFailedDeliveryNotAnException() {
        Alert door = TestAlerts.facePresent("door", null, 7, 1);
        try (MqttPublisher publisher = new MqttPublisher("tcp://127.0.0.1:1", "", "", "test-" + UUID.randomUUID(),
                prefix)) {
            assertThat(publisher.publish(door.getAlertId(), "door", AlertDispatcher.json(door))).isFalse();
        }
    }
}
