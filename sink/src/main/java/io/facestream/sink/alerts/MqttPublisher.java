package io.facestream.sink.alerts;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes alerts to an MQTT broker at QoS 1, to {@code <prefix>/<cameraId>} (camera ids hold no MQTT wildcards).
 * Connects on first use and again after the connection is lost; a publish waits for the broker's acknowledgement.
 */
final class MqttPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);
    private static final int TIMEOUT_SECONDS = 10;

    private final MqttClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final String topicPrefix;

    MqttPublisher(String url, String user, String password, String clientId, String topicPrefix) {
        this.topicPrefix = topicPrefix;
        try {
            this.client = new MqttClient(url, clientId, new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("SINK_MQTT_URL: cannot use it: " + e.getMessage(), e);
        }
        client.setTimeToWait(TIMEOUT_SECONDS * 1000L);
        options.setCleanSession(true);
        options.setConnectionTimeout(TIMEOUT_SECONDS);
        options.setKeepAliveInterval(30);
        if (!user.isEmpty()) {
            options.setUserName(user);
            options.setPassword(password.toCharArray());
        }
    }

    String topicOf(String cameraId) {
        return topicPrefix + "/" + cameraId;
    }

    /** Whether the broker acknowledged the alert. */
    boolean publish(String alertId, String cameraId, byte[] payload) {
        try {
            if (!client.isConnected()) {
                client.connect(options);
            }
            client.publish(topicOf(cameraId), payload, 1, false);
            return true;
        } catch (MqttException e) {
            LOG.warn("alert {}: MQTT publish to {} failed ({}); the alert is stored and served at /api/alerts", alertId,
                    topicOf(cameraId), e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(TIMEOUT_SECONDS * 1000L);
            }
            client.close();
        } catch (MqttException e) {
            LOG.debug("closing the MQTT client: {}", e.getMessage());
        }
    }
}
