package io.facestream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.facestream.broker.EmbeddedKafkaBroker;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.KafkaSettings;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.FaceDetections;
import io.facestream.sink.people.FaceIdentities;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink's Prometheus metrics: events counted once stored, unreadable records counted, served at /metrics. */
class SinkMetricsTest {
    @TempDir
    Path dataDir;

    @Test
    void storedEventsAreCountedAndServedAtMetrics() throws Exception {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), 0);
             JdbcEventStore store = JdbcEventStore.open(JdbcEventStore.embeddedUrl(dataDir.resolve("db")), "", "")) {
            broker.createTopics(Topics.specs());
            try (KafkaProducer<String, FaceDetections> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
                    new AvroSerde<>(FaceDetections.class).serializer())) {
                producer.send(new ProducerRecord<>(Topics.FACES, "door", TestEvents.withFaces("door", 1, 2))).get();
                producer.send(new ProducerRecord<>(Topics.FACES, "door", TestEvents.empty("door", 2))).get();
            }
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
                    new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.FACES, "door", "not an event".getBytes())).get();
            }
            DatabaseStatus status = new DatabaseStatus();
            try (EventStorage storage = new EventStorage(KafkaSettings.of(broker.bootstrapServers()),
                    "metrics-test-" + UUID.randomUUID(), store, events -> FaceIdentities.NONE, status, new SinkMeters(meters))) {
                storage.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> store.stats("door").events() == 2
                        && meters.get("facestream.sink.records.unreadable").counter().count() == 1);
            }

            Javalin server = new SinkApi(store, status, () -> KafkaStreams.State.RUNNING, Map.of(), meters::scrape)
                    .buildServer().start(0);
            try {
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + SinkApi.METRICS_PATH)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
                assertThat(response.body()).contains("facestream_sink_events_stored_total 2.0",
                        "facestream_sink_records_unreadable_total 1.0");
            } finally {
                server.stop();
            }
        }
    }
}
