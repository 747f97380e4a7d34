package io.facestream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.broker.TopicReader;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.schemas.avro.FrameScan;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole sink on a real broker: transactional face events in, each stored once, served over REST. */
class SinkServiceTest {
    @TempDir
    static Path dataDir;

    private static SinkOnBroker pipeline;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startBrokerAndSink() {
        pipeline = SinkOnBroker.start(dataDir);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void transactionalEventsAreStoredOnceEachAndServedNewestFirst() throws Exception {
        List<FaceDetections> events = new ArrayList<>();
        for (long sequence = 1; sequence <= 20; sequence++) {
            events.add(TestEvents.withFaces("door", sequence, (int) (sequence % 3)));
        }
        events.add(TestEvents.empty("hall", 1));
        TestEvents.sendInOneTransaction(pipeline.bootstrapServers(), events);
        // A worker that retried after a failure publishes some events again; the sink keeps one copy.
        TestEvents.sendInOneTransaction(pipeline.bootstrapServers(), events.subList(15, 20));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/api/events?camera=door&limit=100").size()).isEqualTo(20));

        JsonNode page = get("/api/events?camera=door&limit=5&offset=5");
        assertThat(page.findValuesAsText("sequence")).containsExactly("15", "14", "13", "12", "11");
        JsonNode newest = get("/api/events?camera=door&limit=1").get(0);
        assertThat(newest.get("captureTime").asText()).isEqualTo(TestEvents.START.plusSeconds(20).toString());
        assertThat(newest.get("faces")).hasSize(2);
        assertThat(newest.get("faces").get(0).get("landmarks")).hasSize(5);
        assertThat(get("/api/events?from=" + TestEvents.START.plusSeconds(1) + "&to=" + TestEvents.START.plusSeconds(2)))
                .hasSize(2);

        JsonNode stats = get("/api/cameras/door/stats");
        assertThat(stats.get("events").asLong()).isEqualTo(20);
        assertThat(stats.get("eventsWithFaces").asLong()).isEqualTo(14);
        assertThat(stats.get("lastEventTime").asText()).isEqualTo(TestEvents.START.plusSeconds(20).toString());
    }

    @Test
    void everyEventIsAlsoOnFacesJsonInOrderAsTheApiShowsIt() throws Exception {
        List<FaceDetections> events = new ArrayList<>();
        for (long sequence = 1; sequence <= 8; sequence++) {
            String[] tracks = List.of("1000-0", "2000-0").subList(0, (int) (sequence % 3)).toArray(String[]::new);
            events.add(TestEvents.tracked("lobby", sequence, tracks.length == 0 ? FrameScan.NONE : FrameScan.TRACKED,
                    tracks));
        }
        TestEvents.sendInOneTransaction(pipeline.bootstrapServers(), events);

        List<ConsumerRecord<String, String>> published = await().atMost(Duration.ofSeconds(60)).until(() ->
                TopicReader.readCommitted(pipeline.bootstrapServers(), Topics.FACES_JSON, new StringDeserializer())
                        .stream().filter(record -> record.key().equals("lobby")).toList(), records -> records.size() >= 8);
        assertThat(published).hasSize(8);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/api/events?camera=lobby").size()).isEqualTo(8));
        JsonNode stored = get("/api/events?camera=lobby");
        for (int i = 0; i < 8; i++) {
            JsonNode event = json.readTree(published.get(i).value());
            assertThat(event.get("sequence").asLong()).isEqualTo(i + 1);
            assertThat(event).isEqualTo(stored.get(7 - i));
        }
        JsonNode newest = json.readTree(published.get(7).value());
        assertThat(newest.get("scan").asText()).isEqualTo("TRACKED");
        assertThat(newest.get("faces").findValuesAsText("trackId")).containsExactly("1000-0", "2000-0");
        assertThat(get("/api/events?camera=lobby&track=2000-0").findValuesAsText("sequence"))
                .containsExactly("8", "5", "2");
    }

    @Test
    void healthSaysUpWithTheDatabaseStreamsStorageAndAlertDelivery() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.sink().streamsState() == KafkaStreams.State.RUNNING);

        HttpResponse<String> response = pipeline.get("/api/health");
        JsonNode health = json.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/database/status").asText()).isEqualTo("UP");
        assertThat(health.at("/streams/state").asText()).isEqualTo("RUNNING");
        assertThat(health.at("/storage/status").asText()).isEqualTo("UP");
        assertThat(health.at("/alerts/status").asText()).isEqualTo("UP");
    }

    @Test
    void aBadQueryParameterGetsABadRequestNamingIt() throws Exception {
        HttpResponse<String> response = pipeline.get("/api/events?from=yesterday");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("error").asText()).contains("from");
        assertThat(pipeline.get("/api/events?limit=100000").statusCode()).isEqualTo(400);
        // Instants Java parses but no database stores.
        HttpResponse<String> earliest = pipeline.get("/api/events?from=-1000000000-01-01T00:00:00Z");
        assertThat(earliest.statusCode()).as(earliest.body()).isEqualTo(400);
        assertThat(json.readTree(earliest.body()).get("error").asText()).startsWith("from ");
        HttpResponse<String> latest = pipeline.get("/api/events?to=%2B1000000000-12-31T23:59:59Z");
        assertThat(latest.statusCode()).as(latest.body()).isEqualTo(400);
        assertThat(json.readTree(latest.body()).get("error").asText()).startsWith("to ");
    }

    @Test
    void aRecordThatIsNoEventGoesToTheDeadLetterTopicAndTheSinkCarriesOn() throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.FACES, "porch", "not an event".getBytes())).get();
        }
        TestEvents.sendInOneTransaction(pipeline.bootstrapServers(), List.of(TestEvents.withFaces("porch", 1, 1)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/api/events?camera=porch").size()).isEqualTo(1));
        // Kafka Streams (alerts, crops) sends it to the dead-letter topic, in its own time.
        List<ConsumerRecord<String, byte[]>> dead = await().atMost(Duration.ofSeconds(60)).until(() ->
                TopicReader.readCommitted(pipeline.bootstrapServers(), Topics.dlq(Topics.FACES), new ByteArrayDeserializer()),
                records -> !records.isEmpty());
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).value())).isEqualTo("not an event");
        await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.sink().streamsState() == KafkaStreams.State.RUNNING);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = pipeline.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
