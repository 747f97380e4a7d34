package io.facestream.sink.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.broker.EmbeddedKafkaBroker;
import io.facestream.broker.TopicReader;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.Alert;
import io.facestream.schemas.avro.AlertType;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.sink.SinkConfig;
import io.facestream.sink.SinkService;
import io.facestream.sink.TestEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole sink on a real broker: face events in, alerts out on the alerts topic, stored, webhook and MQTT. */
class SinkAlertsTest {
    private static final String SECRET = "webhook secret";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void facesInAFewFramesGiveFacePresentThenFaceGoneEverywhere() throws Exception {
        String prefix = "face-stream-test/" + UUID.randomUUID() + "/alerts";
        List<MqttPublisherTest.Received> mqtt = new CopyOnWriteArrayList<>();
        MqttClient subscriber = MqttPublisherTest.subscribe(prefix, mqtt);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), 0);
             WebhookReceiver webhook = new WebhookReceiver(1, 502)) {
            broker.createTopics(Topics.specs());
            SinkConfig config = SinkConfig.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "SINK_DATA_DIR", dataDir.resolve("sink").toString(), "SINK_HTTP_PORT", "0",
                    "SINK_APPLICATION_ID", "sink-alerts-" + UUID.randomUUID(),
                    "SINK_WEBHOOK_URL", webhook.url().toString(), "SINK_WEBHOOK_SECRET", SECRET,
                    "SINK_WEBHOOK_BACKOFF_MS", "50", "SINK_MQTT_URL", MqttPublisherTest.BROKER,
                    "SINK_MQTT_TOPIC_PREFIX", prefix));
            try (SinkService sink = new SinkService(config)) {
                sink.start();
                // 5 frames/s: faces in frames 1 to 5, then 4 s without.
                List<FaceDetections> frames = new ArrayList<>();
                for (long sequence = 1; sequence <= 25; sequence++) {
                    frames.add(sequence <= 5 ? AlertFrames.frame("door", sequence, AlertFrames.clearFace())
                            : AlertFrames.frame("door", sequence));
                }
                TestEvents.sendInOneTransaction(broker.bootstrapServers(), frames);

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(get(sink, "/api/alerts?camera=door")).hasSize(2));
                JsonNode stored = get(sink, "/api/alerts?camera=door");
                assertThat(stored.findValuesAsText("type")).containsExactly("FACE_GONE", "FACE_PRESENT");
                assertThat(stored.get(1).at("/bestFace/crop").asText()).startsWith("/api/crops/door/");
                assertThat(stored.get(0).get("sequence").asLong()).isEqualTo(20);
                assertThat(stored.get(0).get("trackId").isNull()).as("no perPerson rule").isTrue();
                assertThat(get(sink, "/api/alerts?camera=door&track=1772352000123-0")).isEmpty();

                List<ConsumerRecord<String, Alert>> onTopic = TopicReader.readCommitted(broker.bootstrapServers(),
                        Topics.ALERTS, new AvroSerde<>(Alert.class).deserializer());
                assertThat(onTopic).extracting(record -> record.value().getType())
                        .containsExactly(AlertType.FACE_PRESENT, AlertType.FACE_GONE);
                assertThat(onTopic).extracting(ConsumerRecord::key).containsOnly("door");

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(webhook.requests).hasSize(3);
                    assertThat(mqtt).hasSize(2);
                });
                assertThat(webhook.requests).allSatisfy(request -> assertThat(request.signature())
                        .isEqualTo(WebhookReceiver.expectedSignature(request.body(), SECRET)));
                assertThat(mqtt).extracting(MqttPublisherTest.Received::topic).containsOnly(prefix + "/door");

                HttpResponse<String> bad = request(sink, "/api/alerts?to=tomorrow");
                assertThat(bad.statusCode()).isEqualTo(400);
                assertThat(json.readTree(bad.body()).get("error").asText()).contains("to");
                assertThat(request(sink, "/api/alerts?offset=-1").statusCode()).isEqualTo(400);
                HttpResponse<String> earliest = request(sink, "/api/alerts?from=-1000000000-01-01T00:00:00Z");
                assertThat(earliest.statusCode()).as(earliest.body()).isEqualTo(400);
                assertThat(json.readTree(earliest.body()).get("error").asText()).startsWith("from ");
            }
        } finally {
            subscriber.disconnect();
            subscriber.close();
        }
    }

    private JsonNode get(SinkService sink, String path) throws Exception {
        HttpResponse<String> response = request(sink, path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> request(SinkService sink, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + sink.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
