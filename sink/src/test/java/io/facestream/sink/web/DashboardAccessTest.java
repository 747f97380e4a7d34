package io.facestream.sink.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.facestream.sink.DatabaseStatus;
import io.facestream.sink.EventStore;
import io.facestream.sink.JdbcEventStore;
import io.facestream.sink.SinkApi;
import io.facestream.sink.alerts.AlertSettings;
import io.facestream.sink.cameras.CameraRegistry;
import io.facestream.sink.live.LiveHub;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SINK_API_TOKEN over the whole server, static files included; no Kafka needed. */
class DashboardAccessTest {
    private static final String TOKEN = "test-token-0123456789abcdef";

    @TempDir
    static Path dataDir;
    private static EventStore store;
    private static Javalin server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startServer() {
        store = JdbcEventStore.open("jdbc:h2:mem:access-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "", "");
        CameraRegistry registry = new CameraRegistry();
        registry.loaded();
        SinkWeb web = new SinkWeb(new LiveHub(), registry, null, null, new ApiAccess(Optional.of(TOKEN)),
                AlertSettings.defaults().defaultRule(), false);
        server = new SinkApi(store, new DatabaseStatus(), () -> KafkaStreams.State.RUNNING, Map.of(), () -> "")
                .buildServer(web::routes)
                .start("127.0.0.1", 0);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aRequestWithoutTheTokenGets401AndABasicChallenge() throws Exception {
        for (String path : new String[] {"/", "/dashboard.js", "/api/events", "/api/cameras", "/api/openapi.yaml",
                "/api/cameras/door/frame.jpg"}) {
            HttpResponse<String> response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(challenge ->
                    assertThat(challenge).startsWith("Basic realm=\"face-stream\""));
        }
        assertThat(get("/api/cameras", "Bearer wrong-token-0123456789").statusCode()).isEqualTo(401);
        assertThat(get("/api/cameras", basic("admin", "wrong")).statusCode()).isEqualTo(401);
        assertThat(get("/api/cameras", "Basic not-base64!").statusCode()).isEqualTo(401);
    }

    @Test
    void theTokenAsBearerOrAsBasicPasswordIsLetIn() throws Exception {
        assertThat(get("/api/cameras", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/api/events", "bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/api/cameras", basic("anyone", TOKEN)).statusCode()).isEqualTo(200);
        HttpResponse<String> page = get("/", basic("", TOKEN));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>face-stream</title>");
    }

    @Test
    void healthStaysOpenForProbes() throws Exception {
        HttpResponse<String> response = get("/api/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void metricsStayOpenForPrometheus() throws Exception {
        assertThat(get("/metrics", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
