package io.facestream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.facestream.broker.EmbeddedKafkaBroker;
import io.facestream.broker.TopicReader;
import io.facestream.ingest.IngestConfig;
import io.facestream.ingest.IngestService;
import io.facestream.schemas.Topics;
import io.facestream.sink.SinkConfig;
import io.facestream.sink.SinkService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Camera passwords, in the userinfo (with an unencoded '@') and in a query parameter, of cameras that cannot be
 * reached: ingest reports them down, the sink raises CAMERA_DOWN, and no log line, status or alert record, API answer
 * or database row carries a password.
 */
class CameraSecretsTest {
    private static final String USERINFO_SECRET = "top@secret99";
    private static final String QUERY_SECRET = "qu3ry-secret";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void passwordsOfDownCamerasAppearInNoLogTopicApiOrTable() throws Exception {
        int closedPort = closedPort();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), 0)) {
            broker.createTopics(Topics.specs());
            SinkConfig config = SinkConfig.fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "SINK_DATA_DIR", dataDir.resolve("sink").toString(), "SINK_HTTP_PORT", "0",
                    "SINK_APPLICATION_ID", "sink-secrets-" + UUID.randomUUID()));
            try (SinkService sink = new SinkService(config);
                 IngestService ingest = new IngestService(IngestConfig.forCluster(broker.bootstrapServers())
                         .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(1)), List.of(), new SimpleMeterRegistry())) {
                sink.start();
                new Thread(ingest::run, "ingest").start();
                String base = "http://127.0.0.1:" + sink.httpPort();
                assertThat(put(base + "/api/cameras/door", "rtsp://admin:" + USERINFO_SECRET + "@127.0.0.1:" + closedPort
                        + "/stream1")).isEqualTo(201);
                assertThat(put(base + "/api/cameras/gate", "http://127.0.0.1:" + closedPort + "/snap.cgi?user=admin&pwd="
                        + QUERY_SECRET)).isEqualTo(201);

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(get(base + "/api/alerts"))
                        .contains("\"door\"", "\"gate\"", "CAMERA_DOWN"));

                assertNoSecret("GET /api/cameras", get(base + "/api/cameras"));
                assertNoSecret("GET /api/cameras/door", get(base + "/api/cameras/door"));
                assertNoSecret("GET /api/alerts", get(base + "/api/alerts"));
                String live = liveFor(base + "/api/live", Duration.ofSeconds(2));
                assertThat(live).contains("door", "gate");
                assertNoSecret("GET /api/live", live);
                // Down cameras report on every retry: stopped, they leave the topics quiet enough to be read to the end.
                ingest.close();
                for (String topic : List.of(Topics.CAMERA_STATUS, Topics.ALERTS)) {
                    assertNoSecret(topic, TopicReader.readCommitted(broker.bootstrapServers(), topic,
                            new StringDeserializer()).stream().map(record -> record.value()).collect(Collectors.joining()));
                }
                assertNoSecret("database", tables(config.effectiveJdbcUrl(), "alerts", "events"));
            }
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list).as("log lines").isNotEmpty();
        assertNoSecret("logs", logs.list.stream().map(event -> event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage()))
                .collect(Collectors.joining("\n")));
    }

    private static void assertNoSecret(String where, String text) {
        assertThat(text).as(where).doesNotContain("secret99", QUERY_SECRET);
    }

    private int put(String url, String cameraUrl) throws Exception {
        String body = "{\"url\": \"" + cameraUrl + "\", \"stallTimeoutMillis\": 1000}";
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /** What the server-sent events stream sends a new client within {@code time}: the current state first. */
    private static String liveFor(String url, Duration time) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestProperty("Accept", "text/event-stream");
        connection.setReadTimeout((int) time.toMillis());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        long end = System.nanoTime() + time.toNanos();
        try (InputStream in = connection.getInputStream()) {
            byte[] buffer = new byte[8192];
            for (int n; System.nanoTime() < end && (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // A quiet stream: what came is what a dashboard shows.
        } finally {
            connection.disconnect();
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    /** Every value of every row of the tables, as text. */
    private static String tables(String jdbcUrl, String... names) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            for (String table : names) {
                try (ResultSet rows = connection.createStatement().executeQuery("SELECT * FROM " + table)) {
                    while (rows.next()) {
                        for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                            text.append(rows.getString(column)).append('\t');
                        }
                        text.append('\n');
                    }
                }
            }
        }
        return text.toString();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
