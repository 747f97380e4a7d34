package io.facestream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.broker.EmbeddedKafkaBroker;
import io.facestream.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database outage: health says why, and every event is stored once the database is back. */
class SinkOutageTest {
    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void eventsArrivingWhileTheDatabaseIsDownAreAllStoredOnceItComesBack() throws Exception {
        SwitchableStore store = new SwitchableStore(JdbcEventStore.open(JdbcEventStore.embeddedUrl(dataDir.resolve("db")), "", ""));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), 0)) {
            broker.createTopics(Topics.specs());
            SinkConfig config = SinkConfig.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "SINK_DATA_DIR", dataDir.resolve("sink").toString(), "SINK_HTTP_PORT", "0",
                    "SINK_APPLICATION_ID", "sink-outage-" + UUID.randomUUID()));
            try (SinkService sink = new SinkService(config, store)) {
                store.down.set(true);
                sink.start();
                TestEvents.sendInOneTransaction(broker.bootstrapServers(), List.of(TestEvents.withFaces("door", 1, 1), TestEvents.empty("door", 2),
                        TestEvents.withFaces("door", 3, 2)));

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    HttpResponse<String> health = request(sink, "/api/health");
                    assertThat(health.statusCode()).isEqualTo(503);
                    JsonNode body = json.readTree(health.body());
                    assertThat(body.get("status").asText()).isEqualTo("DOWN");
                    assertThat(body.at("/database/reason").asText()).contains("connection refused (test outage)");
                });

                store.down.set(false);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(json.readTree(request(sink, "/api/events?camera=door").body()).findValuesAsText("sequence"))
                                .containsExactly("3", "2", "1"));
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(request(sink, "/api/health").statusCode()).isEqualTo(200));
                // The alert topology's state stores can take a second rebalance to settle after the start.
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(sink.streamsState()).isEqualTo(KafkaStreams.State.RUNNING));
            }
        }
    }

    private HttpResponse<String> request(SinkService sink, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + sink.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
