package io.facestream.sink.web;

import static io.facestream.sink.live.LiveRecords.detections;
import static io.facestream.sink.live.LiveRecords.face;
import static io.facestream.sink.live.LiveRecords.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facestream.broker.TopicReader;
import io.facestream.schemas.AvroSerde;
import io.facestream.schemas.Topics;
import io.facestream.schemas.avro.CameraConfig;
import io.facestream.schemas.avro.CameraState;
import io.facestream.sink.SinkOnBroker;
import io.facestream.sink.live.LiveRecords;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cameras API and the live feed of a real sink on a real broker. */
class DashboardApiTest {
    @TempDir
    static Path dataDir;
    private static SinkOnBroker sink;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        sink = SinkOnBroker.start(dataDir);
    }

    @AfterAll
    static void stop() {
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void aCameraPutIsOnTheCamerasTopicAndReadBackAtOnceWithItsPasswordHidden() throws Exception {
        HttpResponse<String> created = sink.send("PUT", "/api/cameras/door",
                "{\"url\": \"rtsp://admin:s3cret@10.0.0.5/live\", \"fps\": 4}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json.readTree(created.body()).get("url").asText()).isEqualTo("rtsp://***@10.0.0.5/live");
        JsonNode listed = json.readTree(sink.get("/api/cameras").body());
        assertThat(listed.findValuesAsText("id")).contains("door");
        assertThat(listed.toString()).doesNotContain("s3cret");
        assertThat(last(camerasTopic("door")).value().getUrl()).isEqualTo("rtsp://admin:s3cret@10.0.0.5/live");

        HttpResponse<String> changed = sink.send("PUT", "/api/cameras/door",
                "{\"url\": \"rtsp://***@10.0.0.5/live\", \"fps\": 2, \"enabled\": false}");
        assertThat(changed.statusCode()).isEqualTo(200);
        JsonNode door = json.readTree(sink.get("/api/cameras/door").body());
        assertThat(door.get("fps").asDouble()).isEqualTo(2.0);
        assertThat(door.get("enabled").asBoolean()).isFalse();
        assertThat(last(camerasTopic("door")).value().getUrl()).isEqualTo("rtsp://admin:s3cret@10.0.0.5/live");

        assertThat(sink.send("DELETE", "/api/cameras/door", null).statusCode()).isEqualTo(204);
        assertThat(sink.get("/api/cameras/door").statusCode()).isEqualTo(404);
        assertThat(last(camerasTopic("door")).value()).as("tombstone").isNull();
        assertThat(sink.send("DELETE", "/api/cameras/door", null).statusCode()).isEqualTo(404);
    }

    @Test
    void alertRulesPutAreShownAndKeptByAPutWithoutThem() throws Exception {
        String rules = "{\"minScore\": 0.75, \"presentFrames\": 1, \"windowFrames\": 2, \"cameraDown\": false,"
                + " \"zones\": [{\"name\": \"entrance\", \"polygon\": [{\"x\": 0.25, \"y\": 0}, {\"x\": 0.75, \"y\": 0},"
                + " {\"x\": 0.5, \"y\": 1}]}]}";
        HttpResponse<String> created = sink.send("PUT", "/api/cameras/hall",
                "{\"url\": \"rtsp://10.0.0.7/live\", \"alerts\": " + rules + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        JsonNode shown = json.readTree(sink.get("/api/cameras/hall").body()).get("alerts");
        assertThat(shown.get("minScore").asDouble()).isEqualTo(0.75);
        assertThat(shown.get("presentFrames").asInt()).isEqualTo(1);
        assertThat(shown.get("windowFrames").asInt()).isEqualTo(2);
        assertThat(shown.get("minFaceSize").isNull()).as("left out: the sink's default").isTrue();
        assertThat(shown.get("cameraDown").asBoolean()).isFalse();
        assertThat(shown.at("/zones/0/name").asText()).isEqualTo("entrance");
        assertThat(shown.at("/zones/0/polygon")).hasSize(3);
        assertThat(shown.at("/zones/0/polygon/1/x").asDouble()).isEqualTo(0.75);
        assertThat(last(camerasTopic("hall")).value().getAlerts().getPresentFrames()).isEqualTo(1);

        HttpResponse<String> changed = sink.send("PUT", "/api/cameras/hall", "{\"url\": \"rtsp://10.0.0.7/live\", \"fps\": 2}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode kept = json.readTree(sink.get("/api/cameras/hall").body());
        assertThat(kept.get("fps").asDouble()).isEqualTo(2.0);
        assertThat(kept.get("alerts")).isEqualTo(shown);
        assertThat(last(camerasTopic("hall")).value().getAlerts().getZones()).hasSize(1);

        HttpResponse<String> refused = sink.send("PUT", "/api/cameras/hall", "{\"url\": \"rtsp://10.0.0.7/live\","
                + " \"alerts\": {\"zones\": [{\"name\": \"entrance\", \"polygon\": [{\"x\": 0, \"y\": 0}]}]}}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).get("error").asText()).contains("alerts.zones[0].polygon");
        assertThat(json.readTree(sink.get("/api/cameras/hall").body()).get("alerts")).isEqualTo(shown);

        assertThat(sink.send("PUT", "/api/cameras/hall", "{\"url\": \"rtsp://10.0.0.7/live\", \"alerts\": null}")
                .statusCode()).isEqualTo(200);
        assertThat(json.readTree(sink.get("/api/cameras/hall").body()).get("alerts").isNull()).isTrue();
    }

    @Test
    void detectionSettingsPutAreShownAndKeptByAPutWithoutThem() throws Exception {
        String settings = "{\"minFaceSize\": 60, \"region\": [{\"x\": 0.2, \"y\": 0}, {\"x\": 0.8, \"y\": 0},"
                + " {\"x\": 0.8, \"y\": 1}, {\"x\": 0.2, \"y\": 1}], \"tracking\": false}";
        HttpResponse<String> created = sink.send("PUT", "/api/cameras/gate",
                "{\"url\": \"rtsp://10.0.0.8/live\", \"detection\": " + settings + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        JsonNode shown = json.readTree(sink.get("/api/cameras/gate").body()).get("detection");
        assertThat(shown.get("minFaceSize").asInt()).isEqualTo(60);
        assertThat(shown.get("region")).hasSize(4);
        assertThat(shown.at("/region/1/x").asDouble()).isCloseTo(0.8, within(1e-6));
        assertThat(shown.get("fullScanIntervalMillis").isNull()).as("left out: the workers' default").isTrue();
        assertThat(shown.get("motionThreshold").isNull()).isTrue();
        assertThat(shown.get("tracking").asBoolean()).isFalse();
        assertThat(json.readTree(sink.get("/api/cameras").body()).findParents("id").stream()
                .filter(camera -> camera.get("id").asText().equals("gate")).findFirst().orElseThrow()
                .get("detection")).as("the list shows them too").isEqualTo(shown);
        assertThat(last(camerasTopic("gate")).value().getDetection().getMinFaceSize()).isEqualTo(60);

        HttpResponse<String> changed = sink.send("PUT", "/api/cameras/gate",
                "{\"url\": \"rtsp://10.0.0.8/live\", \"fps\": 2}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json.readTree(sink.get("/api/cameras/gate").body()).get("detection")).isEqualTo(shown);
        assertThat(last(camerasTopic("gate")).value().getDetection().getRegion()).hasSize(4);

        HttpResponse<String> refused = sink.send("PUT", "/api/cameras/gate", "{\"url\": \"rtsp://10.0.0.8/live\","
                + " \"detection\": {\"minFaceSize\": 4}}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).get("error").asText())
                .startsWith("detection.minFaceSize must be 12 to 2000 pixels");
        assertThat(json.readTree(sink.get("/api/cameras/gate").body()).get("detection")).isEqualTo(shown);

        assertThat(sink.send("PUT", "/api/cameras/gate", "{\"url\": \"rtsp://10.0.0.8/live\", \"detection\": null}")
                .statusCode()).isEqualTo(200);
        assertThat(json.readTree(sink.get("/api/cameras/gate").body()).get("detection").isNull()).isTrue();
        assertThat(last(camerasTopic("gate")).value().getDetection()).isNull();
    }

    @Test
    void aBadCameraGets400NamingTheField() throws Exception {
        HttpResponse<String> response = sink.send("PUT", "/api/cameras/porch", "{\"url\": \"rtsp://x/y\", \"jpegQuality\": 0}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("error").asText()).contains("jpegQuality");
        assertThat(sink.send("PUT", "/api/cameras/porch", "not json").statusCode()).isEqualTo(400);
        assertThat(sink.send("PUT", "/api/cameras/a%20b", "{\"url\": \"rtsp://x/y\"}").statusCode()).isEqualTo(400);
        assertThat(sink.get("/api/cameras/porch").statusCode()).isEqualTo(404);
    }

    @Test
    void aCameraReportingAStatusIsListedWithIt() throws Exception {
        sink.publish(Topics.CAMERA_STATUS, "lobby", LiveRecords.status("lobby", CameraState.DOWN,
                "connection refused: rtsp://root:pass1@lobby/live"));

        await().atMost(Duration.ofSeconds(20)).until(() -> sink.get("/api/cameras/lobby").statusCode() == 200);
        JsonNode lobby = json.readTree(sink.get("/api/cameras/lobby").body());
        assertThat(lobby.get("configured").asBoolean()).isFalse();
        assertThat(lobby.at("/status/state").asText()).isEqualTo("DOWN");
        assertThat(lobby.at("/status/reason").asText()).isEqualTo("connection refused: rtsp://***@lobby/live");
    }

    @Test
    void framesEventsAndAlertsReachLiveClientsAndTheNewestFrameIsServed() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> stream = client.sendAsync(HttpRequest.newBuilder(URI.create(sink.url("/api/live")))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines())
                .get(10, TimeUnit.SECONDS);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        Thread reader = new Thread(() -> {
            try {
                stream.body().forEach(lines::add);
            } catch (UncheckedIOException e) {
                // The test closed the stream.
            }
        });
        reader.setDaemon(true);
        reader.start();

        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, 1, 2, 3, (byte) 0xff, (byte) 0xd9};
        sink.publish(Topics.FRAMES, "garage", frame("garage", 41, jpeg, 320, 240));
        sink.publish(Topics.FRAMES, "garage", frame("garage", 42, jpeg, 320, 240));
        sink.publish(Topics.FACES, "garage", detections("garage", 41, 320, 240, List.of(face(10, 20, 110, 140, 0.98f))));
        sink.publish(Topics.ALERTS, "garage", LiveRecords.facePresent("garage", 41, face(10, 20, 110, 140, 0.98f)));

        JsonNode face = nextEvent(lines, "face", "garage");
        assertThat(face.get("sequence").asLong()).isEqualTo(41);
        assertThat(face.get("latencyMs").asLong()).isEqualTo(80);
        assertThat(face.get("lag").asLong()).isEqualTo(1);
        assertThat(face.get("frameSequence").asLong()).isEqualTo(42);
        assertThat(face.at("/faces/0/landmarks")).hasSize(5);
        JsonNode alert = nextEvent(lines, "alert", "garage");
        assertThat(alert.get("type").asText()).isEqualTo("FACE_PRESENT");
        assertThat(alert.at("/bestFace/sequence").asLong()).isEqualTo(41);

        HttpResponse<byte[]> served = sink.getBytes("/api/cameras/garage/frame.jpg?sequence=41");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(served.headers().firstValue("X-Frame-Sequence")).hasValue("41");
        assertThat(served.body()).isEqualTo(jpeg);
        assertThat(sink.getBytes("/api/cameras/nowhere/frame.jpg").statusCode()).isEqualTo(404);
        assertThat(sink.getBytes("/api/cameras/garage/frame.jpg?sequence=x").statusCode()).isEqualTo(400);
        JsonNode garage = json.readTree(sink.get("/api/cameras").body()).findParents("id").stream()
                .filter(camera -> camera.get("id").asText().equals("garage")).findFirst().orElse(null);
        assertThat(garage).as("a camera with events only is not listed: it has neither config nor status").isNull();
        stream.body().close();
    }

    /** The data of the next server-sent event of {@code type} about {@code camera}. */
    private JsonNode nextEvent(BlockingQueue<String> lines, String type, String camera) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String event = null;
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:") && type.equals(event)) {
                JsonNode data = json.readTree(line.substring(5).trim());
                if (camera.equals(data.get("cameraId").asText())) {
                    return data;
                }
            }
        }
        throw new AssertionError("no " + type + " event about " + camera + " within 20 s");
    }

    private static <T> T last(List<T> list) {
        assertThat(list).isNotEmpty();
        return list.get(list.size() - 1);
    }

    private List<ConsumerRecord<String, CameraConfig>> camerasTopic(String camera) {
        return TopicReader.readCommitted(sink.bootstrapServers(), Topics.CAMERAS,
                        new AvroSerde<>(CameraConfig.class).deserializer()).stream()
                .filter(record -> camera.equals(record.key())).toList();
    }
}
