package io.facestream.sink;

import static org.awaitility.Awaitility.await;

import io.facestream.broker.EmbeddedKafkaBroker;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.CameraState;
import io.facestream.schemas.avro.CameraStatus;
import io.facestream.sink.live.LiveRecords;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A real sink on an embedded broker, for the tests of the whole sink, and a producer for the topics it follows. */
public final class SinkOnBroker implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;
    private final SinkService sink;
    private final KafkaProducer<String, byte[]> producer;
    private final HttpClient http = HttpClient.newHttpClient();

    private SinkOnBroker(EmbeddedKafkaBroker broker, SinkService sink) {
        this.broker = broker;
        this.sink = sink;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** Starts both and waits until the sink's live feed follows the topics. */
    public static SinkOnBroker start(Path dataDir) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), 0);
        broker.createTopics(Topics.specs());
        SinkService sink = new SinkService(SinkConfig.fromEnvironment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "SINK_DATA_DIR", dataDir.resolve("sink").toString(),
                "SINK_HTTP_PORT", "0", "SINK_HTTP_HOST", "127.0.0.1",
                "SINK_APPLICATION_ID", "sink-test-" + UUID.randomUUID())));
        sink.start();
        SinkOnBroker started = new SinkOnBroker(broker, sink);
        // Its status is read back once the feed has fixed where it follows frames, faces and alerts from.
        started.publish(Topics.CAMERA_STATUS, "warm-up", LiveRecords.status("warm-up", CameraState.STOPPED, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> started.get("/api/cameras/warm-up").statusCode() == 200);
        return started;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + sink.httpPort() + path;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public SinkService sink() {
        return sink;
    }

    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> void publish(String topic, String key, T record) {
        byte[] value = record == null ? null
                : new AvroSerde<>((Class<T>) record.getClass()).serializer().serialize(topic, record);
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish to " + topic, e.getCause());
        }
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        sink.close();
        broker.close();
    }
}
